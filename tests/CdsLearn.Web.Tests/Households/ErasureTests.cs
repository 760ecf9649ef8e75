using System.Globalization;
using System.Net;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Households;

public class ErasureTests(QuizRuleFactory factory) : IClassFixture<QuizRuleFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APersonErasedOnRequestLeavesNoNameBehindAndTheCountsStay()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var memberId = await AddMemberAsync(team, world.InA1.Id, "Quàng Thị Riêng Tư", "0987654321");
        // The person learns on the team member's phone: the team makes the account, so it is the team's to erase.
        var household = await team.GetAsync($"/ho-gia-dinh/{world.InA1.Id}");
        await team.SubmitAsync(household, $"form[action*='handler=Assist'][action*='memberId={memberId.ToString(CultureInfo.InvariantCulture)}']", []);
        var answers = new Learner(factory);
        foreach (var module in answers.Course.Skills.SelectMany(s => s.Modules))
        {
            var quiz = await team.GetAsync($"/kiem-tra/{module.Id}");
            await team.SubmitAsync(quiz, "form.quiz", answers.Answers(quiz, module.Id));
        }
        var home = await team.GetAsync("/");
        await team.SubmitAsync(home, ".assist-banner form", []);
        var userId = await UserIdOfMemberAsync(memberId);
        var before = await team.GetAsync("/ho-gia-dinh");
        var summaryBefore = before.QuerySelector("p.meta")!.TextContent;

        await EraseAsync(team, world.InA1.Id, memberId);

        var shown = await team.GetAsync($"/ho-gia-dinh/{world.InA1.Id}");
        Assert.DoesNotContain("Riêng Tư", shown.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("0987654321", shown.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty((await team.GetAsync("/ho-gia-dinh?q=rieng+tu")).QuerySelectorAll(".household-list li"));
        Assert.Equal(summaryBefore, (await team.GetAsync("/ho-gia-dinh")).QuerySelector("p.meta")!.TextContent);

        using var check = factory.Services.CreateScope();
        var store = check.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await store.Users.AnyAsync(u => u.FullName.Contains("Riêng Tư"), Ct));
        Assert.Equal(PersonEraser.ErasedName, await store.Users.Where(u => u.Id == userId).Select(u => u.FullName).SingleAsync(Ct));
        Assert.True(await store.Certificates.AnyAsync(c => c.UserId == userId, Ct));
        Assert.False(await store.Certificates.AnyAsync(c => c.HolderName.Contains("Riêng Tư"), Ct));
        Assert.True(await store.AuditEntries.AnyAsync(a => a.Action == "person.erase" && a.Subject.Contains($"member:{memberId}"), Ct));
    }

    [Fact]
    public async Task ErasingAPersonWithTheirOwnAccountOnlyUnlinksIt()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var learner = await Learner.RegisterAsync(factory, "Lò Thị Tự Chủ");
        var memberId = await HouseholdWorld.LinkLearnerAsync(factory, world.InA1, learner.UserName, new MemberInput("Lò Thị Tự Chủ", 1990, "0912345678"));
        await learner.TakeQuizAsync("an-toan-mang-mat-khau-otp");
        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);

        await EraseAsync(team, world.InA1.Id, memberId);

        Assert.DoesNotContain("Tự Chủ", (await team.GetAsync($"/ho-gia-dinh/{world.InA1.Id}")).Body!.TextContent, StringComparison.Ordinal);
        using var check = factory.Services.CreateScope();
        var store = check.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Null(await store.HouseholdMembers.Where(m => m.Id == memberId).Select(m => m.UserId).SingleAsync(Ct));
        var account = await store.Users.SingleAsync(u => u.UserName == learner.UserName, Ct);
        Assert.Equal("Lò Thị Tự Chủ", account.FullName);
        Assert.NotNull(account.PasswordHash);
        // The account is the person's: it still signs in and keeps its attempts.
        using var again = new SiteClient(factory);
        var login = await again.GetAsync("/tai-khoan/dang-nhap");
        await again.SubmitAsync(login, "main form", SiteClient.Fields(("Input.UserName", learner.UserName), ("Input.Password", Learner.Password)));
        Assert.Equal("/", again.LastResponse!.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.True(await store.QuizAttempts.AnyAsync(a => a.UserId == account.Id, Ct));
    }

    /// <summary>Finding 1 of the attack: a team member linked the admin's account to a member by its user name, then
    /// erased the member, which renamed the admin, removed its password and locked it for good.</summary>
    [Fact]
    public async Task ATeamMemberCannotLinkAnAccountByNameNorReachAStaffAccount()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var memberId = await AddMemberAsync(team, world.InA1.Id, "Người Bị Gắn", null);
        var page = await team.GetAsync($"/ho-gia-dinh/{world.InA1.Id}");
        Assert.Null(page.QuerySelector("form[action*='handler=Link']"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var fields in new[]
        {
            new Dictionary<string, string> { ["Link.MemberId"] = Id(memberId), ["Link.UserName"] = world.UserNames[HouseholdWorld.Admin] },
            new Dictionary<string, string> { ["Link[MemberId]"] = Id(memberId), ["Link[UserName]"] = world.UserNames[HouseholdWorld.Admin] },
        })
        {
            fields["__RequestVerificationToken"] = token;
            using var response = await team.Http.PostAsync($"/ho-gia-dinh/{world.InA1.Id}?handler=Link", new FormUrlEncodedContent(fields), Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        // The admin, signed in, opens the household's join code: a staff account is refused, nothing is linked.
        using var admin = await world.SignInAsync(factory, HouseholdWorld.Admin);
        var join = await admin.GetAsync($"/tham-gia/{world.InA1.JoinCode}");
        Assert.Contains("không gắn vào hộ được", join.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(join.QuerySelector("form.stack input[name=MemberId]"));
        var adminToken = join.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? (await admin.GetAsync("/tai-khoan/doi-mat-khau")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await admin.Http.PostAsync($"/tham-gia/{world.InA1.JoinCode}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["MemberId"] = Id(memberId), ["__RequestVerificationToken"] = adminToken,
        }), Ct);

        // Even a staff account linked by older code is never erased: it is unlinked and stays whole.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Null(await db.HouseholdMembers.Where(m => m.Id == memberId).Select(m => m.UserId).SingleAsync(Ct));
            var adminId = await db.Users.Where(u => u.UserName == world.UserNames[HouseholdWorld.Admin]).Select(u => u.Id).SingleAsync(Ct);
            await db.HouseholdMembers.Where(m => m.Id == memberId).ExecuteUpdateAsync(s => s.SetProperty(m => m.UserId, adminId), Ct);
        }
        await EraseAsync(team, world.InA1.Id, memberId);
        using var signIn = await world.SignInAsync(factory, HouseholdWorld.Admin);
        Assert.Equal("/", signIn.LastResponse!.RequestMessage!.RequestUri!.AbsolutePath);
    }

    /// <summary>Finding 7: the team-made account's user name was "ho{household}-nguoi{member}"; a learner who registered
    /// it first broke "Học cùng tổ" for that person for good.</summary>
    [Fact]
    public async Task ATakenGuessableNameDoesNotStopLearningWithTheTeam()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        var member = world.InA1.Members[0];
        using var squatter = new SiteClient(factory);
        var register = await squatter.GetAsync("/tai-khoan/dang-ky");
        await squatter.SubmitAsync(register, "main form", SiteClient.Fields(
            ("Input.FullName", "Kẻ chiếm tên"), ("Input.UserName", $"ho{member.HouseholdId}-nguoi{member.Id}"),
            ("Input.Password", Learner.Password), ("Input.ConfirmPassword", Learner.Password)));
        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var page = await team.GetAsync($"/ho-gia-dinh/{world.InA1.Id}");

        var home = await team.SubmitAsync(page, $"form[action*='handler=Assist'][action*='memberId={Id(member.Id)}']", []);

        Assert.Equal(HttpStatusCode.OK, team.LastResponse!.StatusCode);
        Assert.Contains("Lò Văn Một", home.QuerySelector(".assist-banner")!.TextContent, StringComparison.Ordinal);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userName = await db.HouseholdMembers.Where(m => m.Id == member.Id).Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.UserName).SingleAsync(Ct);
        // A random short code, not a name made from the ids (a single-digit id may well appear in random letters).
        Assert.Matches("^hoccungto-[a-z2-9]{10}$", userName!);
        Assert.NotEqual($"ho{member.HouseholdId}-nguoi{member.Id}", userName);
    }

    /// <summary>A person with an account of their own signs in themselves: the team cannot learn as them.</summary>
    [Fact]
    public async Task TheTeamCannotLearnAsAPersonWithTheirOwnAccount()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var learner = await Learner.RegisterAsync(factory, "Cà Thị Riêng");
        var memberId = await HouseholdWorld.LinkLearnerAsync(factory, world.InA1, learner.UserName, new MemberInput("Cà Thị Riêng", 1995, null));
        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var page = await team.GetAsync($"/ho-gia-dinh/{world.InA1.Id}");
        Assert.Null(page.QuerySelector($"form[action*='handler=Assist'][action*='memberId={Id(memberId)}']"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var response = await team.Http.PostAsync($"/ho-gia-dinh/{world.InA1.Id}?handler=Assist&memberId={Id(memberId)}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Ct);

        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("cdslearn-hoc-cung=", StringComparison.Ordinal) && !c.StartsWith("cdslearn-hoc-cung=;", StringComparison.Ordinal)));
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, response.StatusCode.ToString());
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static async Task<int> AddMemberAsync(SiteClient team, int householdId, string name, string? phone)
    {
        var form = await team.GetAsync($"/ho-gia-dinh/{householdId}/nguoi/them");
        var shown = await team.SubmitAsync(form, "main form", SiteClient.Fields(("Input.FullName", name), ("Input.Phone", phone ?? "")));
        var link = shown.QuerySelectorAll(".member-list a").Single(a => a.TextContent.Contains(name, StringComparison.Ordinal)).GetAttribute("href")!;
        return int.Parse(link[(link.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
    }

    private static async Task EraseAsync(SiteClient team, int householdId, int memberId)
    {
        var page = await team.GetAsync($"/ho-gia-dinh/{householdId}/nguoi/{memberId}");
        var unconfirmed = await team.SubmitAsync(page, "form[action*='handler=Erase']", []);
        Assert.Contains("Hãy đánh dấu ô xác nhận", unconfirmed.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        await team.SubmitAsync(page, "form[action*='handler=Erase']", SiteClient.Fields(("confirm", "true")));
    }

    private async Task<string> UserIdOfMemberAsync(int memberId)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.HouseholdMembers.Where(m => m.Id == memberId).Select(m => m.UserId).SingleAsync(Ct))!;
    }
}
