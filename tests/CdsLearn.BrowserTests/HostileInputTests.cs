using CdsLearn.Accounts;
using CdsLearn.Contests;
using CdsLearn.Data;
using CdsLearn.Figures;
using CdsLearn.Geography;
using CdsLearn.Households;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CdsLearn.BrowserTests;

/// <summary>Script smuggled into the free-text fields people type (household and member names, an assignment's note,
/// a team's name, a contest's title, a commune's report) is shown as text and never runs, in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public class HostileInputTests(BrowserFixture fixture)
{
    private const string Password = "mat-khau-thu-xss";

    private static string Payload(string field) =>
        $"<img src=x onerror=\"window.pwned='{field}'\"><script>window.pwned='{field}'</script>\"'><svg onload=\"window.pwned='{field}'\">";

    [Fact]
    public async Task ScriptTypedIntoAnyFieldIsShownAsTextAndNeverRuns()
    {
        var pages = await HostileWorldAsync();
        var phone = await fixture.NewPhoneAsync();
        await BrowserFixture.SignInAsync(phone, pages.UserName, Password);
        foreach (var (url, field) in pages.Urls)
        {
            await phone.GotoAsync(url);
            await Assertions.Expect(phone.Locator("main")).ToContainTextAsync("onerror=\"window.pwned='" + field + "'\"");
            Assert.Null(await phone.EvaluateAsync<string?>("() => window.pwned ?? null"));
            Assert.Equal(0, await phone.Locator("main img[src=x], main svg[onload]").CountAsync());
        }
        await BrowserFixture.ScreenshotAsync(phone, "50-xss-tro");
    }

    private sealed record World(string UserName, IReadOnlyList<(string Url, string Field)> Urls);

    private async Task<World> HostileWorldAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        using var scope = fixture.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var tag = Guid.NewGuid().ToString("N")[..4];
        var commune = new Commune { Name = "Xã Thử " + tag, Kind = CommuneKind.Xa };
        var village = new Village { Commune = commune, Name = "Bản Thử " + tag };
        db.AddRange(commune, village);
        await db.SaveChangesAsync(ct);
        var user = new AppUser { UserName = "skhcn" + tag, FullName = Payload("account") };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.ProvinceStaff)).Succeeded);

        var editor = services.GetRequiredService<HouseholdEditor>();
        var household = await editor.CreateAsync(Scope.Province, new HouseholdInput(village.Id, "X-" + tag, Payload("head")), 1970, user.Id, ct);
        await editor.AddMemberAsync(household, new MemberInput(Payload("member"), 1990, null), null, ct);
        await services.GetRequiredService<AssignmentService>().AddAsync(household.Id, null, "an-toan-mang", null, Payload("note"), user.Id, ct);
        var team = await services.GetRequiredService<TeamService>().CreateAsync(Scope.Province, commune.Id, village.Id, Payload("team"), ct);
        db.CommuneReportNotes.Add(new CommuneReportNote
        {
            CommuneId = commune.Id, Quarter = Quarter.Of(DateTime.UtcNow).Key, Difficulties = Payload("report"), UpdatedByUserId = user.Id,
        });
        await db.SaveChangesAsync(ct);
        var contests = services.GetRequiredService<ContestService>();
        var contest = await contests.CreateAsync(Scope.Province, new ContestDraft(Payload("contest"), commune.Id, village.Id, ContestMode.Points, 20, 3, [], []), user.Id, ct);

        return new World(user.UserName!,
        [
            ($"/ho-gia-dinh/{household.Id}", "head"),
            ($"/ho-gia-dinh/{household.Id}", "member"),
            ($"/ho-gia-dinh/{household.Id}", "note"),
            ($"/ho-gia-dinh?thon={village.Id}", "head"),
            ($"/to-cong-nghe/{team.Id}", "team"),
            ($"/so-lieu/xa/{commune.Id}/bao-cao", "report"),
            ($"/cuoc-thi/{contest.Id}/man-hinh", "contest"),
        ]);
    }
}
