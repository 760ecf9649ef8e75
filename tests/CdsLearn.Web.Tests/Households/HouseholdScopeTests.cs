using System.Net;
using CdsLearn.Web.Tests.Infrastructure;

namespace CdsLearn.Web.Tests.Households;

/// <summary>Every role against every household-level page and handler, including guessed ids of other villages.</summary>
public class HouseholdScopeTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    public static TheoryData<string> Roles => new(HouseholdWorld.Everyone);

    private static readonly string[] HouseholdPages = ["", "/sua", "/nguoi/them", "/ma-tham-gia"];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EachRoleOpensTheHouseholdPagesOfItsScopeAndNoOthers(string who)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var site = await world.SignInAsync(factory, who);
        var visible = world.VisibleTo(who).Select(h => h.Id).ToHashSet();
        foreach (var household in new[] { world.InA1, world.InA2, world.InB1 })
        {
            var pages = HouseholdPages.Select(p => $"/ho-gia-dinh/{household.Id}{p}")
                .Append($"/ho-gia-dinh/{household.Id}/nguoi/{household.Members[0].Id}");
            foreach (var url in pages)
            {
                var response = await site.Http.GetAsync(url, TestContext.Current.CancellationToken);
                var expected = visible.Contains(household.Id) ? HttpStatusCode.OK
                    : who == HouseholdWorld.Learner ? HttpStatusCode.Redirect : HttpStatusCode.NotFound;
                Assert.True(expected == response.StatusCode, $"{who} GET {url}: {response.StatusCode}, expected {expected}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EachRoleChangesOnlyTheHouseholdsOfItsScope(string who)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var site = await world.SignInAsync(factory, who);
        var visible = world.VisibleTo(who).Select(h => h.Id).ToHashSet();
        var form = await site.GetAsync("/tai-khoan/doi-mat-khau");
        foreach (var household in new[] { world.InA1, world.InA2, world.InB1 })
        {
            var posts = new (string Url, (string, string)[] Fields)[]
            {
                ($"/ho-gia-dinh/{household.Id}/sua", [("Input.VillageId", household.VillageId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.Code", household.Code), ("Input.HeadName", "Đổi tên")]),
                ($"/ho-gia-dinh/{household.Id}/nguoi/them", [("Input.FullName", "Người lạ")]),
                ($"/ho-gia-dinh/{household.Id}?handler=Assign", [("Assign.Target", "an-toan-mang-mat-khau-otp")]),
                ($"/ho-gia-dinh/{household.Id}?handler=Unassign&assignmentId=1", []),
                ($"/ho-gia-dinh/{household.Id}?handler=Assist&memberId={household.Members[0].Id}", []),
                ($"/ho-gia-dinh/{household.Id}/nguoi/{household.Members[0].Id}", [("Input.FullName", "Đổi tên người")]),
                ($"/ho-gia-dinh/{household.Id}/nguoi/{household.Members[0].Id}?handler=Erase", [("confirm", "false")]),
            };
            foreach (var (url, fields) in posts)
            {
                var response = await PostAsync(site, form, url, fields);
                var allowed = visible.Contains(household.Id);
                Assert.True(allowed ? response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK : response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Redirect,
                    $"{who} POST {url}: {response.StatusCode}");
                if (!allowed && response.StatusCode == HttpStatusCode.Redirect)
                {
                    Assert.Contains("khong-co-quyen", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
                }
            }
        }
        await AssertUnchangedOutsideAsync(world, visible);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task NoRoleAddsAHouseholdToAVillageOutsideItsScope(string who)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var site = await world.SignInAsync(factory, who);
        var form = await site.GetAsync("/tai-khoan/doi-mat-khau");
        var visibleVillages = world.VisibleTo(who).Select(h => h.VillageId).ToHashSet();
        foreach (var village in new[] { world.A1, world.A2, world.B1 })
        {
            var code = "NEW-" + Guid.NewGuid().ToString("N")[..6];
            var response = await PostAsync(site, form, "/ho-gia-dinh/them",
                [("Input.VillageId", village.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.Code", code), ("Input.HeadName", "Hộ mới")]);
            var created = await HouseholdExistsAsync(village.Id, code);
            Assert.Equal(visibleVillages.Contains(village.Id), created);
            if (!created)
            {
                Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task TheHouseholdListShowsOnlyTheScope(string who)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var site = await world.SignInAsync(factory, who);
        var page = await site.GetAsync("/ho-gia-dinh?q=" + Uri.EscapeDataString("văn"));
        if (who == HouseholdWorld.Learner)
        {
            Assert.Equal("/tai-khoan/khong-co-quyen", new Uri(page.Url).AbsolutePath);
            return;
        }
        var shown = page.QuerySelectorAll(".household-list a").Select(a => a.GetAttribute("href")).ToHashSet();
        foreach (var household in new[] { world.InA1, world.InA2, world.InB1 })
        {
            var visible = world.VisibleTo(who).Contains(household);
            // The search "văn" matches the two heads called "... Văn ..."; province staff see other worlds' too.
            if (household.HeadName.Contains("Văn", StringComparison.Ordinal))
            {
                Assert.Equal(visible, shown.Contains($"/ho-gia-dinh/{household.Id}"));
            }
            else
            {
                Assert.DoesNotContain($"/ho-gia-dinh/{household.Id}", shown);
            }
        }
        // Filtering by a village outside the scope is refused.
        if (!world.VisibleTo(who).Any(h => h.VillageId == world.B1.Id))
        {
            var response = await site.Http.GetAsync($"/ho-gia-dinh?thon={world.B1.Id}", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task CorrectingTheHeadsNameCorrectsTheHeadAsAMember()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var site = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var edit = await site.GetAsync($"/ho-gia-dinh/{world.InA1.Id}/sua");
        var shown = await site.SubmitAsync(edit, "main form", SiteClient.Fields(
            ("Input.VillageId", world.A1.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.Code", "A1-001"), ("Input.HeadName", "Lò Văn Mốt")));
        Assert.Equal("Hộ Lò Văn Mốt", shown.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Lò Văn Mốt"], shown.QuerySelectorAll(".member-list strong").Select(e => e.TextContent).Take(1));
        Assert.DoesNotContain("Lò Văn Một", shown.QuerySelector(".member-list")!.TextContent, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostAsync(SiteClient site, AngleSharp.Html.Dom.IHtmlDocument tokenSource, string url, (string, string)[] fields)
    {
        var token = tokenSource.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))
            .Append(new("__RequestVerificationToken", token)));
        return site.Http.PostAsync(url, content, TestContext.Current.CancellationToken);
    }

    private async Task<bool> HouseholdExistsAsync(int villageId, string code)
    {
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(factory.Services);
        var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<CdsLearn.Data.AppDbContext>(scope.ServiceProvider);
        return db.Households.Any(h => h.VillageId == villageId && h.Code == code);
    }

    private async Task AssertUnchangedOutsideAsync(HouseholdWorld world, HashSet<int> visible)
    {
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(factory.Services);
        var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<CdsLearn.Data.AppDbContext>(scope.ServiceProvider);
        foreach (var household in new[] { world.InA1, world.InA2, world.InB1 }.Where(h => !visible.Contains(h.Id)))
        {
            var stored = db.Households.Single(h => h.Id == household.Id);
            Assert.Equal(household.HeadName, stored.HeadName);
            Assert.Equal(1, db.HouseholdMembers.Count(m => m.HouseholdId == household.Id));
            Assert.Equal(household.HeadName, db.HouseholdMembers.Single(m => m.HouseholdId == household.Id).FullName);
            Assert.Null(db.HouseholdMembers.Single(m => m.HouseholdId == household.Id).UserId);
            Assert.False(db.Assignments.Any(a => a.HouseholdId == household.Id));
        }
        await Task.CompletedTask;
    }
}
