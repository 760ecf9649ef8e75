using CdsLearn.Data;
using CdsLearn.Geography;
using CdsLearn.Households;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CdsLearn.BrowserTests;

/// <summary>Issue 18, items 3 and 9 at 360 px: a household member sees on the home page how many skills are left for
/// "Công dân số"; after each passed quiz the first, primary button is what comes next ("Còn 1 bài kiểm tra nữa…",
/// then the certificate), and the home page counts one skill fewer.</summary>
[Collection(BrowserCollection.Name)]
public class NextStepFlowTests(BrowserFixture fixture)
{
    private const string LearnerName = "Lường Thị Xuân";

    [Fact]
    public async Task AfterEachPassTheFirstButtonIsWhatComesNextAndTheHomePageCountsTheSkillsLeft()
    {
        var page = await fixture.NewPhoneAsync();
        var userName = await PhoneFlowTests.RegisterAsync(page, LearnerName);
        await JoinAHouseholdAsync(userName);
        var skill = fixture.Course.FindSkill("an-toan-mang")!;

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator(".household-goal")).ToContainTextAsync("bạn còn 5 kỹ năng nữa để nhận chứng chỉ Công dân số");
        await AssertFitsThePhoneAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "50-trang-chu-con-5-ky-nang");

        // What the test is not about is stored: the practice tasks, the team's ticks, every quiz but the last two.
        await StoredEvidence.PassAsync(fixture.Services, userName, skill.Modules.SkipLast(2), skill.Modules.SelectMany(m => m.PracticeTasks));
        await StoredEvidence.ObserveAsync(fixture.Services, userName, skill);

        await PassQuizAsync(page, skill.Modules[^2].Id);
        await Assertions.Expect(page.Locator(".next-step-line")).ToHaveTextAsync("Còn 1 bài kiểm tra nữa là được chứng chỉ “An toàn trên mạng”.");
        var next = page.Locator("main a.button").First;
        await Assertions.Expect(next).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bprimary\b"));
        await Assertions.Expect(next).ToHaveTextAsync("Học tiếp: " + skill.Modules[^1].Lessons[0].Title);
        await Assertions.Expect(next).ToBeInViewportAsync();
        await AssertFitsThePhoneAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "51-con-1-bai-kiem-tra");
        await next.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(skill.Modules[^1].Lessons[0].Title);

        await PassQuizAsync(page, skill.Modules[^1].Id);
        next = page.Locator("main a.button").First;
        await Assertions.Expect(next).ToHaveTextAsync("Xem chứng chỉ An toàn trên mạng");
        await Assertions.Expect(page.Locator("main a.button.primary")).ToHaveCountAsync(1);
        await AssertFitsThePhoneAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "52-xem-chung-chi");
        await next.ClickAsync();
        await Assertions.Expect(page.Locator(".certificate .holder")).ToHaveTextAsync(LearnerName);

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator(".household-goal")).ToContainTextAsync("bạn còn 4 kỹ năng nữa để nhận chứng chỉ Công dân số");
        await Assertions.Expect(page.Locator(".household-goal a[href='/cach-tinh-do-phu']")).ToBeVisibleAsync();
        await AssertFitsThePhoneAsync(page);
    }

    private async Task PassQuizAsync(IPage page, string moduleId)
    {
        await page.GotoAsync($"/kiem-tra/{moduleId}");
        await fixture.AnswerAsync(page, moduleId, right: true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Nộp bài" }).ClickAsync();
        await Assertions.Expect(page.Locator(".score")).ToContainTextAsync("Bạn đã đạt");
    }

    /// <summary>The learner joins a household of a fresh village, as "Mã QR tham gia" would link them.</summary>
    private async Task JoinAHouseholdAsync(string userName)
    {
        var ct = TestContext.Current.CancellationToken;
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var editor = scope.ServiceProvider.GetRequiredService<HouseholdEditor>();
        var commune = await db.Communes.OrderBy(c => c.Id).FirstAsync(ct);
        var village = new Village { CommuneId = commune.Id, Name = "Bản Tiếp Theo " + Guid.NewGuid().ToString("N")[..4] };
        db.Villages.Add(village);
        await db.SaveChangesAsync(ct);
        var household = await editor.CreateAsync(Scope.Province, new HouseholdInput(village.Id, "TT-001", "Lường Văn Đông"), 1965, null, ct);
        var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(ct);
        await editor.AddMemberAsync(household, new MemberInput(LearnerName, 1992, null), userId, ct);
    }

    private static async Task AssertFitsThePhoneAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"{page.Url} is {width} px wide on a 360 px screen");
    }
}
