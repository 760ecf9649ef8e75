using CdsLearn.Content;

namespace CdsLearn.Tests.Learning;

/// <summary>Quizzes built in memory, so grading and drawing are tested without files.</summary>
public static class SampleQuiz
{
    public const string ModuleId = "an-toan-mang-mat-khau-otp";

    /// <summary>Question N has <paramref name="options"/> options of which <paramref name="correct"/> are right.</summary>
    public static QuizQuestion Question(int number, int options, params int[] correct) => new(
        number, $"Câu {number}?", "",
        Enumerable.Range(0, options).Select(i => new QuizOption(i, $"Lựa chọn {i}", correct.Contains(i))).ToList(),
        $"Giải thích câu {number}.");

    public static Quiz Of(int draw, params QuizQuestion[] questions) => new(ModuleId, draw, null, questions);

    /// <summary>A pool of <paramref name="questions"/> questions of 4 options each, option 0 right.</summary>
    public static Quiz Pool(int questions, int draw) =>
        Of(draw, Enumerable.Range(1, questions).Select(n => Question(n, 4, 0)).ToArray());
}
