using CdsLearn.Accounts;
using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Geography;
using CdsLearn.Households;
using CdsLearn.Learning;
using CdsLearn.Rules;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CdsLearn.BrowserTests;

/// <summary>"Làm thử" on a phone: a practice task with a wrong tap and its hint, then the assessed version passed,
/// both played from the copy saved with "Lưu cả kỹ năng" without signal; then the team member of the learner's village
/// ticks what they saw her do on her own phone, and the certificate and /verify say it rests on both.</summary>
[Collection(BrowserCollection.Name)]
public class PracticeFlowTests(BrowserFixture fixture)
{
    private const string TaskId = "lam-thu-bao-tin-nhan-lua-dao-5656";
    private const string LearnerName = "Cầm Thị Lan";
    private const string TeamMemberPassword = "mat-khau-to-lam-thu";

    [Fact]
    public async Task ALearnerPassesAPracticeTaskOfflineAndTheTeamsTickEarnsACertificateThatSaysBoth()
    {
        var page = await fixture.NewPhoneAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        var userName = await PhoneFlowTests.RegisterAsync(page, LearnerName);
        var task = fixture.Course.FindPracticeTask(TaskId)!;

        // Save the skill, practice tasks included, then lose the signal.
        await page.GotoAsync($"/ky-nang/{task.SkillId}");
        await page.EvaluateAsync("() => navigator.serviceWorker.ready");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Làm thử: " + task.Title })).ToBeVisibleAsync();
        await page.Locator(".save-offline button").ClickAsync();
        await Assertions.Expect(page.Locator(".save-offline [role=status]")).ToContainTextAsync("Bạn có thể đọc khi không có mạng", new() { Timeout = 30_000 });
        await page.Context.SetOfflineAsync(true);

        // Practice: a wrong tap shows the step's hint; then every step right.
        await page.GotoAsync($"/lam-thu/{TaskId}");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(task.Title);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mẹ: Tối nay con về ăn cơm nhé" }).ClickAsync();
        await Assertions.Expect(page.Locator(".step:not([hidden]) .step-hint")).ToContainTextAsync(task.Steps[0].Hint);
        await BrowserFixture.ScreenshotAsync(page, "40-lam-thu-goi-y");
        await page.GetByRole(AriaRole.Button, new() { Name = "0812 345 678: TAI KHOAN CUA BAN SE BI KHOA..." }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Chuyển tiếp" }).ClickAsync();
        await page.GetByLabel("Gửi tới (số điện thoại)").FillAsync("5656");
        await page.GetByLabel("Gửi tới (số điện thoại)").PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".practice .status")).ToContainTextAsync("đúng tất cả các bước");
        await AssertFitsThePhoneAsync(page);
        await BrowserFixture.SwitchDisplayAsync(page, "Chữ to");
        await AssertFitsThePhoneAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Làm lại từ đầu" }).ClickAsync();
        await Assertions.Expect(page.Locator(".step:not([hidden]) .instruction")).ToContainTextAsync(task.Steps[0].Instruction);

        // Assessed: no hints; every tap moves on; the answers wait on the phone and are graded once the signal is back.
        await page.GetByRole(AriaRole.Link, new() { Name = "Làm bài chấm điểm" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Làm bài chấm điểm");
        await page.GetByRole(AriaRole.Button, new() { Name = "0812 345 678: TAI KHOAN CUA BAN SE BI KHOA..." }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Chuyển tiếp" }).ClickAsync();
        await page.GetByLabel("Gửi tới (số điện thoại)").FillAsync(" 5656 ");
        await page.GetByLabel("Gửi tới (số điện thoại)").PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".step-hint")).ToHaveCountAsync(0);
        await AssertFitsThePhoneAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Nộp bài" }).ClickAsync();
        await Assertions.Expect(page.Locator("#kept")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "41-cham-diem-cho-gui");
        Assert.Equal(0, await AttemptsAsync(userName));

        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("#graded")).ToContainTextAsync("Xem kết quả");
        await page.Locator("#graded a").ClickAsync();
        await Assertions.Expect(page.Locator(".score")).ToContainTextAsync("Bạn đã đạt");
        await BrowserFixture.ScreenshotAsync(page, "42-cham-diem-dat");
        Assert.Equal(1, await AttemptsAsync(userName));

        // The skill's quizzes and its other assessed tasks are not what this test is about: passed in the database.
        var skill = fixture.Course.FindSkill(task.SkillId)!;
        Assert.NotEmpty(skill.ObservedTasks);
        // Every quiz of the skill and every assessed task but this test's.
        await StoredEvidence.PassAsync(fixture.Services, userName, skill.Modules, skill.Modules.SelectMany(m => m.PracticeTasks).Where(t => t.Id != TaskId));
        await page.GotoAsync("/chung-chi");
        await Assertions.Expect(page.Locator(".certificate-list")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".skill-progress li", new() { HasText = skill.ShortTitle }))
            .ToContainTextAsync($"còn {skill.ObservedTasks.Count} việc tự làm cho Tổ xem");

        // Lan joins her household with the QR the team member shows her.
        var village = await VillageWithAHouseholdAsync();
        var team = await fixture.NewPhoneAsync();
        team.PageError += (_, error) => errors.Add(error);
        await BrowserFixture.SignInAsync(team, village.TeamMember, TeamMemberPassword);
        await team.GotoAsync($"/ho-gia-dinh/{village.HouseholdId}");
        await team.GetByRole(AriaRole.Link, new() { Name = "Mã QR tham gia", Exact = true }).ClickAsync();
        var joinUrl = await team.Locator(".verify-hint").TextContentAsync();
        await page.GotoAsync(joinUrl!.Trim());
        await page.GetByLabel(LearnerName, new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Vào hộ" }).ClickAsync();
        await Assertions.Expect(page.Locator(".badge.ok")).ToContainTextAsync("đã thuộc hộ này");

        // The team member ticks the real tasks of the skill on Lan's page.
        await team.GotoAsync($"/ho-gia-dinh/{village.HouseholdId}");
        await team.Locator(".member-list").GetByRole(AriaRole.Link, new() { Name = LearnerName }).ClickAsync();
        var observe = team.Locator("form[action*='handler=Observe']");
        foreach (var observed in skill.ObservedTasks)
        {
            await observe.GetByLabel(observed.Title, new() { Exact = true }).CheckAsync();
        }
        await observe.GetByRole(AriaRole.Button, new() { Name = "Lưu các việc đã tự làm" }).ClickAsync();
        var today = VietnamTime.DateOf(fixture.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime)
            .ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var observed in skill.ObservedTasks)
        {
            await Assertions.Expect(observe.Locator("p.check", new() { HasText = observed.Title })).ToContainTextAsync($"✓ {observed.Title} · xác nhận ngày {today}");
        }
        await AssertFitsThePhoneAsync(team);
        await BrowserFixture.ScreenshotAsync(team, "43-to-xac-nhan");

        // The certificate rests on the quizzes, the assessed tasks and the team's word, and /verify says the same.
        string[] basis =
        [
            "Đạt bài kiểm tra của mọi học phần",
            "Làm đúng các bài làm thử chấm điểm trên màn hình mô phỏng",
            $"Đã tự làm trên máy: {village.TeamName} xác nhận ngày {today}",
        ];
        await page.GotoAsync("/chung-chi");
        await page.Locator(".certificate-list").GetByRole(AriaRole.Link, new() { Name = skill.ShortTitle }).ClickAsync();
        await Assertions.Expect(page.Locator(".certificate .holder")).ToHaveTextAsync(LearnerName);
        await Assertions.Expect(page.Locator(".certificate .basis li")).ToHaveTextAsync(basis);
        await AssertFitsThePhoneAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "44-chung-chi-lam-thu");

        await page.GetByRole(AriaRole.Link, new() { Name = "Mở trang kiểm tra" }).ClickAsync();
        await Assertions.Expect(page.Locator(".verification .big")).ToHaveTextAsync("✔ Chứng chỉ thật");
        await Assertions.Expect(page.Locator(".verification .basis li")).ToHaveTextAsync(basis);
        await AssertFitsThePhoneAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "45-xac-minh-lam-thu");
        Assert.Empty(errors);
    }

    private static async Task AssertFitsThePhoneAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"{page.Url} is {width} px wide on a 360 px screen");
    }

    /// <summary>A new village with its team (one member) and a household in which the team already wrote down the
    /// learner's name, not yet linked to her account.</summary>
    private async Task<(string TeamMember, string TeamName, int HouseholdId)> VillageWithAHouseholdAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var editor = scope.ServiceProvider.GetRequiredService<HouseholdEditor>();
        var commune = await db.Communes.OrderBy(c => c.Id).FirstAsync(ct);
        var village = new Village { CommuneId = commune.Id, Name = "Bản Làm Thử " + Guid.NewGuid().ToString("N")[..4] };
        db.Villages.Add(village);
        await db.SaveChangesAsync(ct);
        var user = new AppUser { UserName = "tv" + Guid.NewGuid().ToString("N")[..8], FullName = "Lò Văn Tổ" };
        Assert.True((await users.CreateAsync(user, TeamMemberPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.TeamMember)).Succeeded);
        var team = new Team { Name = "Tổ " + village.Name, CommuneId = commune.Id, VillageId = village.Id, Members = [new TeamMember { UserId = user.Id, IsLeader = true }] };
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        var household = await editor.CreateAsync(Scope.Province, new HouseholdInput(village.Id, "LT-001", "Cầm Văn Hùng"), 1968, user.Id, ct);
        await editor.AddMemberAsync(household, new MemberInput(LearnerName, 1994, null), cancellationToken: ct);
        return (user.UserName, team.Name, household.Id);
    }

    private async Task<int> AttemptsAsync(string userName)
    {
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.PracticeAttempts.CountAsync(a => a.Passed && db.Users.Any(u => u.Id == a.UserId && u.UserName == userName), TestContext.Current.CancellationToken);
    }
}
