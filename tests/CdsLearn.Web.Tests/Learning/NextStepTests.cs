using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CdsLearn.Web.Tests.Infrastructure;

namespace CdsLearn.Web.Tests.Learning;

/// <summary>After passing a quiz, the first, primary action is what comes next, never "Làm lại bài kiểm tra" (issue 18,
/// item 3). Under the quizzes-only rule the path runs module by module to the certificate.</summary>
public class NextStepTests(QuizRuleFactory factory) : IClassFixture<QuizRuleFactory>
{
    internal static IHtmlAnchorElement FirstAction(IHtmlDocument page)
    {
        var first = page.QuerySelector<IHtmlAnchorElement>("main a.button");
        Assert.NotNull(first);
        Assert.Contains("primary", first.ClassList);
        return first;
    }

    [Fact]
    public async Task AfterPassingAQuizTheFirstActionIsTheNextModulesFirstUnreadLesson()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var modules = learner.Course.FindSkill("dich-vu-cong")!.Modules;

        var result = await learner.TakeQuizAsync(modules[0].Id);

        var next = FirstAction(result);
        Assert.Equal($"/bai-hoc/{modules[1].Lessons[0].Id}", next.GetAttribute("href"));
        Assert.StartsWith("Học tiếp:", next.TextContent.Trim(), StringComparison.Ordinal);
        var retry = result.QuerySelectorAll<IHtmlAnchorElement>("main a.button").Single(a => a.TextContent.Contains("Làm lại bài kiểm tra", StringComparison.Ordinal));
        Assert.DoesNotContain("primary", retry.ClassList);
        Assert.Null(result.QuerySelector(".next-step-line"));
    }

    [Fact]
    public async Task WithTheLessonsReadTheNextStepIsTheNextModulesQuiz()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var modules = learner.Course.FindSkill("mua-sam")!.Modules;
        foreach (var lesson in modules[1].Lessons)
        {
            var page = await learner.Site.GetAsync($"/bai-hoc/{lesson.Id}");
            await learner.Site.SubmitAsync(page, "form.mark-read", []);
        }

        var next = FirstAction(await learner.TakeQuizAsync(modules[0].Id));

        Assert.Equal($"/kiem-tra/{modules[1].Id}", next.GetAttribute("href"));
    }

    [Fact]
    public async Task WithOneQuizLeftTheResultSaysSoAndLeadsToIt()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var modules = learner.Course.FindSkill("thanh-toan")!.Modules;
        await learner.TakeQuizAsync(modules[0].Id);

        var result = await learner.TakeQuizAsync(modules[2].Id);

        Assert.Equal("Còn 1 bài kiểm tra nữa là được chứng chỉ “Trả tiền trên mạng”.", result.QuerySelector(".next-step-line")!.TextContent.Trim());
        Assert.Equal($"/bai-hoc/{modules[1].Lessons[0].Id}", FirstAction(result).GetAttribute("href"));
    }

    [Fact]
    public async Task PassingTheLastQuizLeadsToTheCertificateThenToTheNextSkill()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var modules = learner.Course.FindSkill("an-toan-mang")!.Modules;
        foreach (var module in modules.SkipLast(1))
        {
            await learner.TakeQuizAsync(module.Id);
        }

        var result = await learner.TakeQuizAsync(modules[^1].Id);

        var next = FirstAction(result);
        Assert.StartsWith("/chung-chi/", next.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("Xem chứng chỉ An toàn trên mạng", next.TextContent.Trim());
        var certificate = await learner.Site.GetAsync(next.GetAttribute("href")!);
        Assert.Equal(System.Net.HttpStatusCode.OK, learner.Site.LastResponse!.StatusCode);

        var again = await learner.TakeQuizAsync(modules[^1].Id);
        var onward = FirstAction(again);
        Assert.Equal("/ky-nang/nen-tang-so", onward.GetAttribute("href"));
        Assert.Equal("Học kỹ năng tiếp theo: Nền tảng số địa phương", onward.TextContent.Trim());
    }

    [Fact]
    public async Task AFailedQuizKeepsTryingAgainAsTheFirstAction()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var module = learner.Course.FindSkill("dich-vu-cong")!.Modules[0];

        var result = await learner.TakeQuizAsync(module.Id, right: false);

        Assert.Equal($"/kiem-tra/{module.Id}", FirstAction(result).GetAttribute("href"));
        Assert.Null(result.QuerySelector(".next-step"));
    }
}

/// <summary>Under the default rule (quizzes, assessed practice tasks, the team's ticks) the next step after a quiz is
/// the module's practice task, and after an assessed task what the skill still needs.</summary>
public class NextStepUnderTheDefaultRuleTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    [Fact]
    public async Task AfterPassingAQuizTheNextStepIsTheModulesPracticeTask()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var module = learner.Course.FindSkill("dich-vu-cong")!.Modules[0];

        var next = NextStepTests.FirstAction(await learner.TakeQuizAsync(module.Id));

        Assert.Equal($"/lam-thu/{module.PracticeTasks[0].Id}", next.GetAttribute("href"));
        Assert.Equal($"Làm thử: {module.PracticeTasks[0].Title}", next.TextContent.Trim());
    }

    [Fact]
    public async Task AfterPassingAnAssessedTaskTheNextStepIsTheModulesQuizOrItsLessons()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var module = learner.Course.FindSkill("mua-sam")!.Modules[0];

        var response = await PracticeAnswers.PassAsync(learner.Site, module.PracticeTasks[0]);
        var result = await SiteClient.ParseAsync(await learner.Site.FollowAsync(response));

        Assert.Contains("/lam-thu/ket-qua/", learner.Site.LastResponse!.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        var next = NextStepTests.FirstAction(result);
        Assert.Equal($"/bai-hoc/{module.Lessons[0].Id}", next.GetAttribute("href"));
        var again = result.QuerySelectorAll<IHtmlAnchorElement>("main a.button").Single(a => a.TextContent.Trim() == "Làm thử lại");
        Assert.DoesNotContain("primary", again.ClassList);
    }

    [Fact]
    public async Task WhenOnlyTheTeamsTicksAreLeftTheNextStepShowsWhatToDoForTheTeam()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var skill = learner.Course.FindSkill("nen-tang-so")!;
        foreach (var task in skill.Modules.SelectMany(m => m.PracticeTasks))
        {
            await PracticeAnswers.PassAsync(learner.Site, task);
        }
        foreach (var module in skill.Modules.SkipLast(1))
        {
            await learner.TakeQuizAsync(module.Id);
        }

        var result = await learner.TakeQuizAsync(skill.Modules[^1].Id);

        Assert.Equal("/ky-nang/nen-tang-so#can-lam", NextStepTests.FirstAction(result).GetAttribute("href"));
    }
}
