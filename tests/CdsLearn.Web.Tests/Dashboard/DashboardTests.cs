using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace CdsLearn.Web.Tests.Dashboard;

/// <summary>The dashboard for every role: what each may open, the numbers it shows, exports, reports and targets.
/// "Công dân số" needs only the online-safety skill here, so a learner covers a household in three quizzes.</summary>
public class DashboardTests(SafetyOnlyProvinceFactory factory) : IClassFixture<SafetyOnlyProvinceFactory>
{
    public static TheoryData<string> Roles => new(HouseholdWorld.Everyone);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EachRoleOpensTheDashboardPagesOfItsScopeAndNoOthers(string who)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var site = await world.SignInAsync(factory, who);
        var a = world.A1.CommuneId;
        var b = world.B1.CommuneId;
        // Which communes each role sees whole, and which it sees in part (a team worker: their village only).
        var (whole, part) = who switch
        {
            HouseholdWorld.Province or HouseholdWorld.Admin => (new[] { a, b }, Array.Empty<int>()),
            HouseholdWorld.OfficerOfA => ([a], []),
            HouseholdWorld.TeamMemberOfA1 => ([], [a]),
            HouseholdWorld.TeamMemberOfB1 => ([], [b]),
            _ => (Array.Empty<int>(), Array.Empty<int>()),
        };
        foreach (var url in new[] { "/so-lieu", "/so-lieu/xa", "/so-lieu/chi-tieu", "/so-lieu/bieu-duong" })
        {
            var response = await site.Http.GetAsync(url, Ct);
            var expected = who == HouseholdWorld.Learner ? HttpStatusCode.Redirect : HttpStatusCode.OK;
            Assert.True(expected == response.StatusCode, $"{who} GET {url}: {response.StatusCode}");
        }
        foreach (var commune in new[] { a, b })
        {
            var page = await site.Http.GetAsync($"/so-lieu/xa/{commune}", Ct);
            var report = await site.Http.GetAsync($"/so-lieu/xa/{commune}/bao-cao", Ct);
            var export = await site.Http.GetAsync($"/so-lieu/xa/{commune}/bao-cao?handler=Export&dinh-dang=csv", Ct);
            var denied = who == HouseholdWorld.Learner ? HttpStatusCode.Redirect : HttpStatusCode.NotFound;
            Assert.True((whole.Contains(commune) || part.Contains(commune) ? HttpStatusCode.OK : denied) == page.StatusCode, $"{who} commune {commune}: {page.StatusCode}");
            Assert.True((whole.Contains(commune) ? HttpStatusCode.OK : denied) == report.StatusCode, $"{who} report {commune}: {report.StatusCode}");
            Assert.True((whole.Contains(commune) ? HttpStatusCode.OK : denied) == export.StatusCode, $"{who} export {commune}: {export.StatusCode}");
        }
        if (who != HouseholdWorld.Learner)
        {
            var table = await site.GetAsync("/so-lieu/xa");
            var listed = table.QuerySelectorAll(".commune-table tbody th a").Select(l => l.GetAttribute("href")!).ToList();
            Assert.Equal(whole.Contains(a), listed.Contains($"/so-lieu/xa/{a}"));
            Assert.Equal(whole.Contains(b), listed.Contains($"/so-lieu/xa/{b}"));
        }
        if (who == HouseholdWorld.TeamMemberOfA1)
        {
            var villages = (await site.GetAsync($"/so-lieu/xa/{a}")).QuerySelectorAll("a[href^='/ho-gia-dinh?thon=']").Select(l => l.GetAttribute("href")).ToList();
            Assert.Equal([$"/ho-gia-dinh?thon={world.A1.Id}"], villages);
        }
    }

    [Fact]
    public async Task TheNumbersFollowLearningAndAgreeWithTheHouseholdPages()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        var communeA = world.A1.CommuneId;
        Assert.Equal("0 %", Coverage(await officer.GetAsync("/so-lieu"), "Tỉ lệ phủ trên hộ đã đăng ký"));

        using var learner = await Learner.RegisterAsync(factory, "Lò Thị Học");
        await HouseholdWorld.LinkLearnerAsync(factory, world.InA1, learner.UserName, new MemberInput("Lò Thị Học", 1999, null));
        foreach (var module in learner.Course.FindSkill("an-toan-mang")!.Modules)
        {
            await learner.TakeQuizAsync(module.Id);
        }

        var overview = await officer.GetAsync("/so-lieu");
        Assert.Equal("2", Now(overview, "Hộ đã đăng ký"));
        Assert.Equal("1", Now(overview, "Hộ có người có kỹ năng số"));
        Assert.Equal("50 %", Coverage(overview, "Tỉ lệ phủ trên hộ đã đăng ký"));
        Assert.Equal("1 %", Coverage(overview, "Tỉ lệ phủ trên tổng số hộ"));
        Assert.Equal("1", Now(overview, "Chứng chỉ Công dân số"));
        Assert.NotNull(overview.QuerySelector("figure svg[role=img]"));

        // The same count the household list shows for the village.
        var commune = await officer.GetAsync($"/so-lieu/xa/{communeA}");
        var a1Row = commune.QuerySelector($"a[href='/ho-gia-dinh?thon={world.A1.Id}']")!.Closest("tr")!;
        Assert.Contains("1/1", a1Row.TextContent, StringComparison.Ordinal);
        var households = await officer.GetAsync($"/ho-gia-dinh?thon={world.A1.Id}");
        Assert.Contains("1 hộ đã phủ / 1 hộ đã đăng ký", households.QuerySelector(".focus")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommuneTableAndTheQuarterlyReportDownloadAsSpreadsheetsWithVietnamese()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var province = await world.SignInAsync(factory, HouseholdWorld.Province);
        var communeA = world.A1.CommuneId;

        var xlsx = await province.Http.GetAsync("/so-lieu/xa?handler=Export&dinh-dang=xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.EndsWith(".xlsx", xlsx.Content.Headers.ContentDisposition!.FileName!.Trim('"'), StringComparison.Ordinal);
        using var book = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Ct));
        var rows = book.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var rowA = rows.Single(r => ((string?)r["Xã, phường"])?.EndsWith("A " + world.UserNames[HouseholdWorld.Province].Split('-')[1], StringComparison.Ordinal) == true);
        Assert.Equal(2.0, Convert.ToDouble(rowA["Hộ đã đăng ký"], CultureInfo.InvariantCulture));
        Assert.Equal(100.0, Convert.ToDouble(rowA["Tổng số hộ (chính thức)"], CultureInfo.InvariantCulture));

        var report = await province.GetAsync($"/so-lieu/xa/{communeA}/bao-cao");
        var saved = await province.SubmitAsync(report, "main form[method=post]", SiteClient.Fields(("Difficulties", "Nhiều hộ chưa có điện thoại thông minh; sóng yếu ở bản A2.")));
        Assert.Contains("Đã lưu", saved.QuerySelector("main [role=status]")!.TextContent, StringComparison.Ordinal);

        var csv = await province.Http.GetAsync($"/so-lieu/xa/{communeA}/bao-cao?handler=Export&dinh-dang=csv", Ct);
        var bytes = await csv.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Contains("Hộ có ít nhất một người có kỹ năng số", text, StringComparison.Ordinal);
        Assert.Contains("Nhiều hộ chưa có điện thoại thông minh; sóng yếu ở bản A2.", text, StringComparison.Ordinal);

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var exports = await db.AuditEntries.Where(e => e.Action == "dashboard.export").Select(e => e.Subject).ToListAsync(Ct);
        Assert.Contains(exports, s => s.StartsWith("communes;", StringComparison.Ordinal));
        Assert.Contains(exports, s => s.StartsWith($"report;commune={communeA};", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DifficultiesThatAreTooLongAreRefusedInVietnameseAndNothingIsSaved()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        var report = await officer.GetAsync($"/so-lieu/xa/{world.A1.CommuneId}/bao-cao");
        var again = await officer.SubmitAsync(report, "main form[method=post]", SiteClient.Fields(("Difficulties", new string('x', 4001))));
        Assert.Contains("dài quá 4000 ký tự", again.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        using var scope = factory.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().CommuneReportNotes.AnyAsync(n => n.CommuneId == world.A1.CommuneId, Ct));
    }

    [Fact]
    public async Task AProvinceTargetFlagsTheCommunesBehindItAndAnOfficerSetsOnlyTheirOwn()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var province = await world.SignInAsync(factory, HouseholdWorld.Province);
        var targets = await province.GetAsync("/so-lieu/chi-tieu");
        await province.SubmitAsync(targets, "form.stack", SiteClient.Fields(("Input.CommuneId", ""), ("Input.SkillId", "an-toan-mang"), ("Input.Percent", "60")));

        var overview = await province.GetAsync("/so-lieu");
        var target = overview.QuerySelectorAll(".targets > li").Single(l => l.TextContent.Contains("60 %", StringComparison.Ordinal));
        Assert.Contains("Chưa đạt", target.TextContent, StringComparison.Ordinal);
        Assert.Contains(target.QuerySelectorAll("details a").Select(a => a.GetAttribute("href")), h => h == $"/so-lieu/xa/{world.A1.CommuneId}");

        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        var form = await officer.GetAsync("/so-lieu/chi-tieu");
        Assert.Null(form.QuerySelector("#Input_CommuneId option[value='']"));
        var bad = await officer.SubmitAsync(form, "form.stack", SiteClient.Fields(("Input.CommuneId", Id(world.A1.CommuneId)), ("Input.SkillId", "an-toan-mang"), ("Input.Percent", "150")));
        Assert.Contains("Chỉ tiêu phải từ 1 đến 100 %", bad.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        var other = await officer.PostFormAsync(form, "form.stack", SiteClient.Fields(("Input.CommuneId", Id(world.B1.CommuneId)), ("Input.SkillId", "an-toan-mang"), ("Input.Percent", "10")));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        var province2 = await officer.PostFormAsync(form, "form.stack", SiteClient.Fields(("Input.CommuneId", ""), ("Input.SkillId", "an-toan-mang"), ("Input.Percent", "10")));
        Assert.Contains("/tai-khoan/khong-co-quyen", province2.Headers.Location?.OriginalString, StringComparison.Ordinal);
        await officer.SubmitAsync(form, "form.stack", SiteClient.Fields(("Input.CommuneId", Id(world.A1.CommuneId)), ("Input.SkillId", "an-toan-mang"), ("Input.Percent", "20")));

        using var scope = factory.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().QuarterTargets
            .Where(t => t.CommuneId == world.A1.CommuneId || t.CommuneId == world.B1.CommuneId).ToListAsync(Ct);
        var only = Assert.Single(stored);
        Assert.Equal((world.A1.CommuneId, 20), (only.CommuneId!.Value, only.Percent));
        var provinceTargets = await scope.ServiceProvider.GetRequiredService<AppDbContext>().QuarterTargets.Where(t => t.CommuneId == null).Select(t => t.Percent).ToListAsync(Ct);
        Assert.Equal([60], provinceTargets);
    }

    [Fact]
    public async Task TheProvinceViewIsReusedOnlyUntilAFigureChanges()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var province = await world.SignInAsync(factory, HouseholdWorld.Province);
        var before = int.Parse(Now(await province.GetAsync("/so-lieu"), "Hộ đã đăng ký").Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        Assert.Equal(before.ToString("N0", CultureInfo.GetCultureInfo("vi-VN")), Now(await province.GetAsync("/so-lieu"), "Hộ đã đăng ký"));

        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<HouseholdEditor>().CreateAsync(Scope.Province, new HouseholdInput(world.B1.Id, "B1-NEW", "Hộ vừa thêm"), 1990, null, Ct);
        }

        Assert.Equal((before + 1).ToString("N0", CultureInfo.GetCultureInfo("vi-VN")), Now(await province.GetAsync("/so-lieu"), "Hộ đã đăng ký"));
    }

    [Fact]
    public async Task AWorkerWhoRegistersAHouseholdCountsAsActiveForThirtyDays()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        Assert.Equal("0", Now(await officer.GetAsync("/so-lieu"), "Thành viên hoạt động 30 ngày qua"));
        Assert.Equal("1", Now(await officer.GetAsync("/so-lieu"), "Thành viên tổ"));

        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var form = await team.GetAsync("/ho-gia-dinh/them");
        await team.SubmitAsync(form, "main form", SiteClient.Fields(("Input.VillageId", Id(world.A1.Id)), ("Input.Code", "A1-NEW"), ("Input.HeadName", "Hộ mới đăng ký")));

        var overview = await officer.GetAsync("/so-lieu");
        Assert.Equal("1", Now(overview, "Thành viên hoạt động 30 ngày qua"));
        var commune = await officer.GetAsync($"/so-lieu/xa/{world.A1.CommuneId}");
        var worker = commune.QuerySelectorAll(".team-work tr").Single(r => r.TextContent.Contains("Người " + HouseholdWorld.TeamMemberOfA1, StringComparison.Ordinal));
        Assert.StartsWith("1", worker.QuerySelectorAll("td")[0].TextContent.Trim(), StringComparison.Ordinal);
    }

    /// <summary>"Tổ xác nhận" on every page that shows skills: a person seen doing both tasks of a skill counts once for
    /// the skill and once for the worker who saw them, on the dashboard, the commune's teams' work and the quarterly
    /// report with its XLSX and CSV; once the person disputes both, they count for nothing.</summary>
    [Fact]
    public async Task PeopleATeamSawDoRealTasksShowPerSkillAndPerWorkerUntilTheyDisputeThem()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        var memberId = await HouseholdWorld.LinkLearnerAsync(factory, world.InA1, world.UserNames[HouseholdWorld.Learner], new MemberInput("Lò Thị Học", 1995, null));
        using (var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1))
        {
            var member = await team.GetAsync($"/ho-gia-dinh/{Id(world.InA1.Id)}/nguoi/{Id(memberId)}");
            await team.SubmitAsync(member, "form[action*='handler=Observe']",
                SiteClient.Fields(("Observe.TaskIds", "tu-lam-vneid-muc-2"), ("Observe.TaskIds", "tu-lam-dich-vu-cong")));
        }
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        var communeA = world.A1.CommuneId;
        var worker = "Người " + HouseholdWorld.TeamMemberOfA1;

        var overview = await officer.GetAsync("/so-lieu");
        Assert.Equal("1", Now(overview, "Người được Tổ xác nhận: Dịch vụ công"));
        Assert.Equal("0", Now(overview, "Người được Tổ xác nhận: Mua sắm trên mạng"));
        Assert.Equal("1", Now(overview, "Người được Tổ xác nhận"));
        var labels = overview.QuerySelectorAll("table.figures th[scope=row]").Select(h => h.TextContent).ToList();
        Assert.Equal(labels.IndexOf("Chứng chỉ: Dịch vụ công") + 1, labels.IndexOf("Người được Tổ xác nhận: Dịch vụ công"));
        var commune = await officer.GetAsync($"/so-lieu/xa/{Id(communeA)}");
        Assert.Equal("1", Now(commune, "Người được Tổ xác nhận: Dịch vụ công"));
        Assert.Equal("1 (1)", ObservedByWorker(commune, worker));

        var report = await officer.GetAsync($"/so-lieu/xa/{Id(communeA)}/bao-cao");
        var shown = report.QuerySelectorAll("table.report tbody tr")
            .Select(r => (r.QuerySelector("th")!.TextContent.Trim(), r.QuerySelectorAll("td")[0].TextContent, r.QuerySelectorAll("td")[1].TextContent)).ToList();
        Assert.Equal(("Dịch vụ công trực tuyến", "1", "1"), After(shown, "7. Người dân được Tổ xác nhận", 1));
        Assert.Equal(("Mua sắm trực tuyến", "0", "0"), After(shown, "7. Người dân được Tổ xác nhận", 2));
        Assert.Equal((worker + " (tổ trưởng)", "1", "1"), After(shown, "11. Người dân được Tổ xác nhận", 2));

        var xlsx = await officer.Http.GetAsync($"/so-lieu/xa/{Id(communeA)}/bao-cao?handler=Export&dinh-dang=xlsx", Ct);
        using (var book = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Ct)))
        {
            var rows = book.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>()
                .Select(r => (((string?)r["Nội dung"] ?? "").Trim(), Convert.ToString(r["Trong quý"], CultureInfo.InvariantCulture)!, Convert.ToString(r["Cộng dồn đến hết quý"], CultureInfo.InvariantCulture)!))
                .ToList();
            Assert.Equal(("Dịch vụ công trực tuyến", "1", "1"), After(rows, "7. Người dân được Tổ xác nhận", 1));
            Assert.Equal((worker + " (tổ trưởng)", "1", "1"), After(rows, "11. Người dân được Tổ xác nhận", 2));
        }
        var csv = await officer.Http.GetAsync($"/so-lieu/xa/{Id(communeA)}/bao-cao?handler=Export&dinh-dang=csv", Ct);
        using (var reader = new CsvHelper.CsvReader(new StreamReader(await csv.Content.ReadAsStreamAsync(Ct)), CultureInfo.InvariantCulture))
        {
            var rows = new List<(string, string, string)>();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetField(0)!.Trim(), reader.Parser.Count > 1 ? reader.GetField(1)! : "", reader.Parser.Count > 2 ? reader.GetField(2)! : ""));
            }
            Assert.Equal(("Dịch vụ công trực tuyến", "1", "1"), After(rows, "7. Người dân được Tổ xác nhận", 1));
            Assert.Equal((worker + " (tổ trưởng)", "1", "1"), After(rows, "11. Người dân được Tổ xác nhận", 2));
        }

        // Recognition ranks teams by the work it names (households, people helped, assignments done): not by this.
        var recognition = await officer.GetAsync("/so-lieu/bieu-duong");
        Assert.DoesNotContain(recognition.QuerySelectorAll(".ranking li"), li => li.TextContent.Contains("Tổ A1", StringComparison.Ordinal));

        using (var learner = await world.SignInAsync(factory, HouseholdWorld.Learner))
        {
            await learner.SubmitAsync(await learner.GetAsync("/chung-chi"), ".observation-list form", []);
            var one = await learner.GetAsync("/chung-chi");
            Assert.Equal("1", Now(await officer.GetAsync("/so-lieu"), "Người được Tổ xác nhận: Dịch vụ công"));
            await learner.SubmitAsync(one, ".observation-list form", []);
        }
        var disputed = await officer.GetAsync($"/so-lieu/xa/{Id(communeA)}");
        Assert.Equal("0", Now(disputed, "Người được Tổ xác nhận: Dịch vụ công"));
        Assert.Equal("0", Now(disputed, "Người được Tổ xác nhận"));
        Assert.Equal("0 (0)", ObservedByWorker(disputed, worker));
    }

    private static T After<T>(List<T> rows, string heading, int offset) where T : ITuple =>
        rows[rows.FindIndex(r => ((string)r[0]!).StartsWith(heading, StringComparison.Ordinal)) + offset];

    private static string ObservedByWorker(AngleSharp.Html.Dom.IHtmlDocument page, string worker) =>
        page.QuerySelectorAll(".team-work tr").Single(r => r.TextContent.Contains(worker, StringComparison.Ordinal))
            .QuerySelectorAll("td")[3].TextContent.Trim();

    private static string Now(AngleSharp.Html.Dom.IHtmlDocument page, string label) =>
        page.QuerySelectorAll("table.figures tr").Single(r => r.QuerySelector("th")?.TextContent == label).QuerySelectorAll("td")[1].TextContent;

    private static string Coverage(AngleSharp.Html.Dom.IHtmlDocument page, string label) => Now(page, label);
}
