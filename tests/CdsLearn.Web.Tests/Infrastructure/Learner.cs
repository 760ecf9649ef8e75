using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CdsLearn.Content;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Infrastructure;

/// <summary>A citizen using the site through HTTP: registers, reads, and answers quizzes right or wrong.</summary>
public sealed class Learner(WebApplicationFactory<Program> factory) : IDisposable
{
    public const string Password = "mat-khau-cua-toi";

    public SiteClient Site { get; } = new(factory);

    public string UserName { get; private set; } = "";

    public Course Course => factory.Services.GetRequiredService<CourseCatalog>().Current;

    public static async Task<Learner> RegisterAsync(WebApplicationFactory<Program> factory, string fullName = "Nguyễn Văn An")
    {
        var learner = new Learner(factory);
        learner.UserName = "hv" + Guid.NewGuid().ToString("N")[..10];
        var page = await learner.Site.GetAsync("/tai-khoan/dang-ky");
        await learner.Site.SubmitAsync(page, "main form", SiteClient.Fields(
            ("Input.FullName", fullName), ("Input.UserName", learner.UserName),
            ("Input.Password", Password), ("Input.ConfirmPassword", Password)));
        Assert.Equal("/", learner.Site.LastResponse!.RequestMessage!.RequestUri!.AbsolutePath);
        return learner;
    }

    /// <summary>Opens the quiz and answers every drawn question right (or, with <paramref name="right"/> false, wrong).
    /// Returns the result page.</summary>
    public async Task<IHtmlDocument> TakeQuizAsync(string moduleId, bool right = true)
    {
        var page = await Site.GetAsync($"/kiem-tra/{moduleId}");
        return await Site.SubmitAsync(page, "form.quiz", Answers(page, moduleId, right));
    }

    /// <summary>The answers to the questions drawn on a quiz page, worked out from the course (the page does not say).</summary>
    public List<KeyValuePair<string, string>> Answers(IHtmlDocument quizPage, string moduleId, bool right = true)
    {
        var quiz = Course.FindModule(moduleId)!.Quiz;
        var answers = new List<KeyValuePair<string, string>>();
        var names = quizPage.QuerySelectorAll<IHtmlInputElement>("form.quiz input[name^=q]").Select(i => i.Name!).Distinct().ToList();
        Assert.NotEmpty(names);
        foreach (var name in names)
        {
            var question = quiz.FindQuestion(int.Parse(name[1..], System.Globalization.CultureInfo.InvariantCulture))!;
            var chosen = right
                ? question.CorrectOptions
                : [question.Options.First(o => !o.IsCorrect).Index];
            answers.AddRange(chosen.Select(i => new KeyValuePair<string, string>(name, i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }
        return answers;
    }

    public void Dispose() => Site.Dispose();
}
