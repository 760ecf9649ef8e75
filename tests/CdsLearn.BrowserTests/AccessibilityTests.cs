using System.Diagnostics;
using System.Text.RegularExpressions;
using CdsLearn.Accounts;
using CdsLearn.Contests;
using CdsLearn.Data;
using CdsLearn.Geography;
using CdsLearn.Households;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CdsLearn.BrowserTests;

/// <summary>
/// Issue 18's walk at 360 × 740, each page in normal mode, "Chữ to" and "Tương phản cao", checked with axe-core: no
/// serious or critical violation, colour contrast included. One phone per role, signed in once.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AccessibilityTests(BrowserFixture fixture)
{
    private const string Password = "mat-khau-kiem-tra-tiep-can";
    private const string SkillId = "an-toan-mang";

    /// <summary>
    /// Violations let through, each by rule and the elements it covers, with the reason. Remove a line as soon as its
    /// reason is gone; never switch a rule off for the whole page.
    /// </summary>
    private static readonly AxeException[] Exceptions = [];

    [Fact]
    public async Task AnAnonymousReadersPagesHaveNoSeriousAccessibilityViolations()
    {
        var audit = new AxeAudit(Exceptions);
        var watch = Stopwatch.StartNew();
        var phone = await fixture.NewPhoneAsync();
        var skill = fixture.Course.FindSkill(SkillId)!;
        // A lesson with a callout box, so its colours are checked too.
        var lesson = fixture.Course.LessonsOf(skill).FirstOrDefault(l => l.Html.Contains("callout", StringComparison.Ordinal))
            ?? fixture.Course.LessonsOf(skill).First();
        var task = skill.Modules.SelectMany(m => m.PracticeTasks).First();

        await audit.CheckAsync(phone, "/");
        await audit.CheckAsync(phone, $"/ky-nang/{skill.Id}");
        await audit.CheckAsync(phone, $"/bai-hoc/{lesson.Id}");
        await audit.CheckAsync(phone, $"/lam-thu/{task.Id}");
        await audit.CheckAsync(phone, "/verify");
        await audit.CheckAsync(phone, "/giai-thich-tu");
        // Issue 17: a lesson with marked terms, its "Giải thích từ" list and pictures.
        if (fixture.Course.Skills.SelectMany(fixture.Course.LessonsOf).FirstOrDefault(l => l.Terms.Count > 0 && l.Pictures.Count > 0) is { } illustrated)
        {
            await audit.CheckAsync(phone, $"/bai-hoc/{illustrated.Id}");
        }

        Report(audit, watch);
        audit.AssertClean();
    }

    [Fact]
    public async Task ALearnersPagesHaveNoSeriousAccessibilityViolations()
    {
        var audit = new AxeAudit(Exceptions);
        var watch = Stopwatch.StartNew();
        var phone = await fixture.NewPhoneAsync();
        var userName = await AccountAsync(Roles.Learner, "Lường Thị Tiếp");
        await BrowserFixture.SignInAsync(phone, userName, Password);
        var skill = fixture.Course.FindSkill(SkillId)!;
        var module = skill.Modules[0];

        await audit.CheckAsync(phone, $"/kiem-tra/{module.Id}");
        // A wrong try: the result shows every mark and explanation, the most colours a result page has.
        await fixture.AnswerAsync(phone, module.Id, right: false);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Nộp bài" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".score")).ToContainTextAsync("chưa đạt");
        await audit.CheckCurrentAsync(phone);

        // The rest of the certificate is stored, as the other browser tests do; /chung-chi then issues it.
        await StoredEvidence.PassAsync(fixture.Services, userName, skill.Modules, skill.Modules.SelectMany(m => m.PracticeTasks));
        await StoredEvidence.ObserveAsync(fixture.Services, userName, skill);
        await audit.CheckAsync(phone, "/chung-chi");
        await phone.Locator(".certificate-list a[href^='/chung-chi/']").First.ClickAsync();
        await Assertions.Expect(phone.Locator(".certificate .holder")).ToHaveTextAsync("Lường Thị Tiếp");
        await audit.CheckCurrentAsync(phone);
        var verify = await phone.Locator("a[href^='/verify/']").First.GetAttributeAsync("href");
        await audit.CheckAsync(phone, verify!);

        Report(audit, watch);
        audit.AssertClean();
    }

    [Fact]
    public async Task ATeamMembersPagesHaveNoSeriousAccessibilityViolations()
    {
        var audit = new AxeAudit(Exceptions);
        var watch = Stopwatch.StartNew();
        var phone = await fixture.NewPhoneAsync();
        var place = await PlaceAsync();
        var userName = await AccountAsync(Roles.TeamMember, "Tổ viên Tiếp cận");
        using (var scope = fixture.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
            db.Teams.Add(new Team { Name = "Tổ " + place.VillageName, CommuneId = place.CommuneId, VillageId = place.VillageId, Members = [new TeamMember { UserId = userId, IsLeader = true }] });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await BrowserFixture.SignInAsync(phone, userName, Password);

        await audit.CheckAsync(phone, "/ho-gia-dinh");
        await audit.CheckAsync(phone, $"/ho-gia-dinh/{place.HouseholdId}");
        await audit.CheckAsync(phone, $"/ho-gia-dinh/{place.HouseholdId}/nguoi/{place.MemberId}");

        Report(audit, watch);
        audit.AssertClean();
    }

    [Fact]
    public async Task AContestsPagesAndTheCoverageRuleHaveNoSeriousAccessibilityViolations()
    {
        var audit = new AxeAudit(Exceptions);
        var watch = Stopwatch.StartNew();
        var place = await PlaceAsync();
        var host = await AccountAsync(Roles.TeamMember, "Người dẫn Tiếp cận");
        Contest contest;
        using (var scope = fixture.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var userId = await db.Users.Where(u => u.UserName == host).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
            db.Teams.Add(new Team { Name = "Tổ thi " + place.VillageName, CommuneId = place.CommuneId, VillageId = place.VillageId, Members = [new TeamMember { UserId = userId }] });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            var contests = scope.ServiceProvider.GetRequiredService<ContestService>();
            contest = await contests.CreateAsync(Scope.Province,
                new ContestDraft("Rung chuông vàng tiếp cận", place.CommuneId, place.VillageId, ContestMode.Points, 30, 3, [SkillId], []), userId,
                TestContext.Current.CancellationToken);
            contest.ScreenKey = await contests.SetScreenKeyAsync(contest.Id, on: true, TestContext.Current.CancellationToken);
        }

        var hostsPhone = await fixture.NewPhoneAsync();
        await BrowserFixture.SignInAsync(hostsPhone, host, Password);
        await audit.CheckAsync(hostsPhone, "/cuoc-thi");
        await audit.CheckAsync(hostsPhone, $"/cuoc-thi/{contest.Id}/dieu-khien");
        var playersPhone = await fixture.NewPhoneAsync();
        await audit.CheckAsync(playersPhone, $"/thi/{contest.Code}");
        await audit.CheckAsync(playersPhone, "/cach-tinh-do-phu");
        var tv = await fixture.NewScreenAsync(1280, 720);
        await audit.CheckAsIsAsync(tv, $"/man-hinh/{contest.ScreenKey}");

        Report(audit, watch);
        audit.AssertClean();
    }

    [Fact]
    public async Task TheCommuneOfficersAndProvinceStaffsPagesHaveNoSeriousAccessibilityViolations()
    {
        var audit = new AxeAudit(Exceptions);
        var watch = Stopwatch.StartNew();
        var place = await PlaceAsync();
        var officer = await AccountAsync(Roles.CommuneOfficer, "Cán bộ xã Tiếp cận");
        using (var scope = fixture.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var userId = await db.Users.Where(u => u.UserName == officer).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
            db.CommuneOfficers.Add(new CommuneOfficer { CommuneId = place.CommuneId, UserId = userId });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var staff = await AccountAsync(Roles.ProvinceStaff, "Cán bộ Sở Tiếp cận");

        var officersPhone = await fixture.NewPhoneAsync();
        await BrowserFixture.SignInAsync(officersPhone, officer, Password);
        await audit.CheckAsync(officersPhone, "/so-lieu");
        await audit.CheckAsync(officersPhone, "/so-lieu/xa");
        await audit.CheckAsync(officersPhone, $"/so-lieu/xa/{place.CommuneId}");
        await audit.CheckAsync(officersPhone, $"/so-lieu/xa/{place.CommuneId}/bao-cao");

        var staffPhone = await fixture.NewPhoneAsync();
        await BrowserFixture.SignInAsync(staffPhone, staff, Password);
        await audit.CheckAsync(staffPhone, "/so-lieu");

        Report(audit, watch);
        audit.AssertClean();
    }

    /// <summary>
    /// What lets <see cref="AxeAudit"/> run only the size and colour rules in "Chữ to" and "Tương phản cao": every style
    /// rule that names the modes' classes sets the font size or a custom property (a colour), nothing that hides, shows
    /// or moves an element. A rule that does more fails here: then the audit must run every rule in that mode again.
    /// </summary>
    [Fact]
    public void TheDisplayModesChangeOnlySizesAndColours()
    {
        var styles = Path.Combine(fixture.Services.GetRequiredService<IWebHostEnvironment>().WebRootPath, "css");
        var modeRules = 0;
        foreach (var file in Directory.EnumerateFiles(styles, "*.css"))
        {
            var css = Regex.Replace(File.ReadAllText(file), @"/\*.*?\*/", "", RegexOptions.Singleline);
            foreach (Match rule in Regex.Matches(css, @"([^{}]+)\{([^{}]*)\}"))
            {
                if (!Regex.IsMatch(rule.Groups[1].Value, @"\.(large|contrast)\b"))
                {
                    continue;
                }
                modeRules++;
                foreach (var declaration in rule.Groups[2].Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var property = declaration.Split(':')[0].Trim();
                    Assert.True(property == "font-size" || property.StartsWith("--", StringComparison.Ordinal),
                        $"{Path.GetFileName(file)}: '{rule.Groups[1].Value.Trim()}' sets {property}; AxeAudit.ModeOptions assumes the modes change only sizes and colours");
                }
            }
        }
        Assert.True(modeRules >= 2, "the display modes' style rules were not found");
    }

    private static void Report(AxeAudit audit, Stopwatch watch) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"{audit}, {watch.Elapsed.TotalSeconds:0.0} s in all");

    private async Task<string> AccountAsync(string role, string fullName)
    {
        using var scope = fixture.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = "a11y" + Guid.NewGuid().ToString("N")[..8], FullName = fullName };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.UserName;
    }

    /// <summary>A commune of its own, with a village and a household of two people.</summary>
    private async Task<(int CommuneId, int VillageId, string VillageName, int HouseholdId, int MemberId)> PlaceAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var editor = scope.ServiceProvider.GetRequiredService<HouseholdEditor>();
        var tag = Guid.NewGuid().ToString("N")[..4];
        var commune = new Commune { Name = "Tiếp Cận " + tag, Kind = CommuneKind.Xa, OfficialHouseholds = 30 };
        var village = new Village { Commune = commune, Name = "Bản Tiếp Cận " + tag };
        db.AddRange(commune, village);
        await db.SaveChangesAsync(ct);
        var household = await editor.CreateAsync(Scope.Province, new HouseholdInput(village.Id, "TC-" + tag, "Quàng Văn Tiếp"), 1965, null, ct);
        var member = await editor.AddMemberAsync(household, new MemberInput("Quàng Thị Cận", 1998, null), cancellationToken: ct);
        return (commune.Id, village.Id, village.Name, household.Id, member.Id);
    }
}
