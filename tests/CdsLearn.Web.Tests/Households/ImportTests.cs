using System.Net;
using System.Text;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Imports;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Households;

public class ImportTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    private const string Header = "commune,village,household_code,head_name,member_name,birth_year,phone";

    [Fact]
    public async Task ACommuneOfficerImportsTheHouseholdsOfTheirCommune()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        var a = world.A1.Commune!.Name;
        var csv = $"""
            {Header}
            {a},Bản A1,A1-100,Lò Văn Mười,Lò Thị Mười Một,1990,0912 345 678
            {a},Bản A1,A1-100,Lò Văn Mười,,,
            "{a}",bản a2,A2-100,"Cầm Thị Hai Mươi",,,
            """;

        var page = await UploadAsync(officer, csv);

        Assert.Contains("Đã nhập 2 hộ.", page.QuerySelector("main [role=status]")!.TextContent, StringComparison.Ordinal);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var imported = await db.Households.Include(h => h.Members).SingleAsync(h => h.VillageId == world.A1.Id && h.Code == "A1-100", TestContext.Current.CancellationToken);
        Assert.Equal(["Lò Văn Mười", "Lò Thị Mười Một"], imported.Members.OrderBy(m => m.Id).Select(m => m.FullName));
        Assert.Equal("0912345678", imported.Members.Single(m => m.FullName == "Lò Thị Mười Một").Phone);
        Assert.True(await db.Households.AnyAsync(h => h.VillageId == world.A2.Id && h.Code == "A2-100", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AFileWithAnyBadRowImportsNothingAndNamesEveryBadLine()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        var a = world.A1.Commune!.Name;
        var b = world.B1.Commune!.Name;
        var csv = $"""
            {Header}
            {a},Bản A1,A1-200,Hà Văn Tốt,,,
            {b},Bản B1,B1-200,Hà Văn Ngoài,,,
            {a},Bản A1,A1-001,Hà Văn Trùng,,,
            {a},Bản A1,A1-201,,Hà Thị Thiếu,1800,12ab
            """;

        var page = await UploadAsync(officer, csv);

        var errors = page.QuerySelectorAll(".errors li").Select(li => li.TextContent).ToList();
        Assert.Contains(errors, e => e.StartsWith("Dòng 3:", StringComparison.Ordinal) && e.Contains("phạm vi", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Dòng 4:", StringComparison.Ordinal) && e.Contains("A1-001", StringComparison.Ordinal));
        Assert.Contains("Dòng 5: thiếu tên chủ hộ", errors);
        Assert.Contains(errors, e => e.StartsWith("Dòng 5: năm sinh", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Dòng 5: số điện thoại", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.StartsWith("Dòng 2:", StringComparison.Ordinal));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await db.Households.AnyAsync(h => h.Code == "A1-200", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AFileWithoutTheNeededColumnsIsRefused()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        var page = await UploadAsync(officer, "ten,ma\nA,1\n");
        Assert.Contains("Dòng 1: Thiếu cột", page.QuerySelector(".errors li")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWindows1258FileIsRefusedWithTheAdviceToSaveAsCsvUtf8AndImportsNothing()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        var before = await HouseholdCountAsync();
        // What Excel on Vietnamese Windows saves as "CSV (Comma delimited)": Windows-1258, tone marks as combining bytes.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var csv = $"{Header}\n{world.A1.Commune!.Name},Bản A1,A1-300,Lò Thị Hoa,,,\n".Normalize(NormalizationForm.FormD);
        var bytes = Encoding.GetEncoding(1258).GetBytes(csv);

        var response = await PostFileAsync(officer, bytes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await SiteClient.ParseAsync(response);
        var error = Assert.Single(page.QuerySelectorAll(".errors li")).TextContent;
        Assert.Contains("hãy lưu tệp dạng CSV UTF-8", error, StringComparison.Ordinal);
        // The first byte that is not UTF-8 is the "ã" of the commune's name.
        Assert.StartsWith("Dòng 2:", error, StringComparison.Ordinal);
        Assert.Equal(before, await HouseholdCountAsync());
    }

    [Fact]
    public async Task AUtf8FileWithAByteOrderMarkIsImported()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        var csv = $"{Header}\r\n{world.A1.Commune!.Name},Bản A1,A1-400,Lò Thị Hoa,,,\r\n";

        var response = await PostFileAsync(officer, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)]);

        var page = await SiteClient.ParseAsync(response);
        Assert.Contains("Đã nhập 1 hộ.", page.QuerySelector("main [role=status]")?.TextContent ?? page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal("Lò Thị Hoa", await db.Households.Where(h => h.VillageId == world.A1.Id && h.Code == "A1-400").Select(h => h.HeadName).SingleAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("Lò Thị\0 Hoa")]
    [InlineData("Lò Thị Hoa\0")]
    [InlineData("Lò \u001BThị Hoa")]
    [InlineData("\"Lò Thị\nHoa\"")]
    [InlineData("Lò Thị\tHoa")]
    [InlineData("Lò Thị \u202EaoH")]
    public async Task AControlCharacterInANameIsRefusedWithItsLineAndImportsNothing(string name)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        var before = await HouseholdCountAsync();
        var a = world.A1.Commune!.Name;
        var csv = $"{Header}\n{a},Bản A1,A1-500,Lò Văn Năm,,,\n{a},Bản A1,A1-501,{name},,,\n";

        var page = await UploadAsync(officer, csv);

        var error = Assert.Single(page.QuerySelectorAll(".errors li")).TextContent;
        Assert.StartsWith("Dòng 3:", error, StringComparison.Ordinal);
        Assert.Contains("head_name", error, StringComparison.Ordinal);
        Assert.Equal(before, await HouseholdCountAsync());
    }

    [Fact]
    public async Task ATeamMemberCannotUploadLists()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var member = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var response = await member.Http.GetAsync("/ho-gia-dinh/nhap", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("khong-co-quyen", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportingTheSameGeographyTwiceUpdatesAndNeverDuplicates()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var csv = $"""
            commune,kind,official_households,village,village_kind
            Xã Nhập {tag},xã,1200,Bản Một,bản
            Xã Nhập {tag},xã,,Tiểu khu Hai,tiểu khu
            Phường Nhập {tag},phường,,,
            """;
        using var scope = factory.Services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<GeographyImporter>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var first = await importer.ImportAsync(Utf8(csv), TestContext.Current.CancellationToken);
        var second = await importer.ImportAsync(Utf8(csv.Replace("1200", "1300", StringComparison.Ordinal)), TestContext.Current.CancellationToken);

        Assert.Equal((4, 0), (first.Added, first.Updated));
        Assert.Equal((0, 1), (second.Added, second.Updated));
        var commune = await db.Communes.Include(c => c.Villages).SingleAsync(c => c.Name == $"Xã Nhập {tag}", TestContext.Current.CancellationToken);
        Assert.Equal(1300, commune.OfficialHouseholds);
        Assert.Equal(2, commune.Villages.Count);

        var bad = await importer.ImportAsync(Utf8($"commune,kind\nXã Mới {tag},xã\nXã Sai {tag},huyện\n"), TestContext.Current.CancellationToken);
        Assert.Equal([3], bad.Problems.Select(p => p.Line));
        Assert.False(await db.Communes.AnyAsync(c => c.Name == $"Xã Mới {tag}", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnExportHoldsOnlyTheScopeAndIsAudited()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);

        var csv = await officer.Http.GetStringAsync("/ho-gia-dinh/xuat", TestContext.Current.CancellationToken);

        Assert.StartsWith("commune,village,household_code,head_name", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("Lò Văn Một", csv, StringComparison.Ordinal);
        Assert.Contains("Cầm Thị Hai", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Quàng Văn Ba", csv, StringComparison.Ordinal);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var officerId = await db.Users.Where(u => u.UserName == world.UserNames[HouseholdWorld.OfficerOfA]).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.UserId == officerId && a.Action == "households.export", TestContext.Current.CancellationToken));

        using var member = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var refused = await member.Http.GetAsync("/ho-gia-dinh/xuat", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
    }

    [Fact]
    public async Task AnExportKeepsNamesAndCodesThatLookLikeFormulasAsText()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        const string head = "=HYPERLINK(\"http://x\",\"y\")";
        const string code = "+cmd|' /C calc'!A0";
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<HouseholdEditor>()
                .CreateAsync(Scope.Province, new HouseholdInput(world.A1.Id, code, head), null, null, TestContext.Current.CancellationToken);
        }
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);

        var response = await officer.Http.GetAsync("/ho-gia-dinh/xuat", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
        using var csv = new CsvHelper.CsvReader(reader, System.Globalization.CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (await csv.ReadAsync())
        {
            rows.Add(csv.Parser.Record!);
        }
        var header = rows[0].ToList();
        var row = Assert.Single(rows, r => r[header.IndexOf("household_code")].EndsWith(code, StringComparison.Ordinal));
        Assert.Equal("'" + code, row[header.IndexOf("household_code")]);
        Assert.Equal("'" + head, row[header.IndexOf("head_name")]);
        Assert.Equal("1", row[header.IndexOf("members")]);
        Assert.All(rows.Skip(1).SelectMany(r => r.Take(4)), field => Assert.False(field.Length > 0 && field[0] is '=' or '+' or '-' or '@', field));
    }

    [Fact]
    public async Task OversizedAndBinaryUploadsAreRefusedClearlyAndImportNothing()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var before = await db.Households.CountAsync(TestContext.Current.CancellationToken);

        // Over the 5 MB the page accepts, under the limit where the server stops reading.
        var header = "commune,village,household_code,head_name\n";
        var big = await PostFileAsync(officer, Encoding.UTF8.GetBytes(header + new string('x', 5 * 1024 * 1024 + 100)));
        Assert.Equal(HttpStatusCode.OK, big.StatusCode);
        Assert.Contains("Tệp lớn quá 5 MB", await big.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        // Far over: cut off while it arrives.
        var huge = await PostFileAsync(officer, new byte[8 * 1024 * 1024]);
        Assert.NotEqual(HttpStatusCode.OK, huge.StatusCode);
        var said = await huge.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(said.Contains("Tệp quá lớn", StringComparison.Ordinal) || said.Contains("Yêu cầu không hợp lệ", StringComparison.Ordinal), $"{(int)huge.StatusCode}: {System.Text.RegularExpressions.Regex.Match(said, "<main[^>]*>(.*?)</main>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value}");

        // Not a CSV at all.
        var binary = await PostFileAsync(officer, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 256))]);
        var page = await SiteClient.ParseAsync(binary);
        Assert.NotNull(page.QuerySelector(".errors"));

        Assert.Equal(before, await db.Households.CountAsync(TestContext.Current.CancellationToken));
    }

    private static MemoryStream Utf8(string csv) => new(Encoding.UTF8.GetBytes(csv));

    private async Task<int> HouseholdCountAsync()
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Households.CountAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<HttpResponseMessage> PostFileAsync(SiteClient site, byte[] bytes)
    {
        var form = await site.GetAsync("/ho-gia-dinh/nhap");
        var token = form.QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "file", "ho.csv" },
        };
        return await site.Http.PostAsync("/ho-gia-dinh/nhap", content, TestContext.Current.CancellationToken);
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> UploadAsync(SiteClient site, string csv)
    {
        var form = await site.GetAsync("/ho-gia-dinh/nhap");
        var token = form.QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.Replace("\r\n", "\n", StringComparison.Ordinal))), "file", "ho.csv" },
        };
        var response = await site.Http.PostAsync("/ho-gia-dinh/nhap", content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await SiteClient.ParseAsync(response);
    }
}
