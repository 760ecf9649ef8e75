using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CdsLearn.Channels;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Channels;

/// <summary>"Kênh của xã": the lesson's <c>::: kenh-cua-xa</c> block (a signed-in learner's own commune, a link for
/// everyone else and every cached page), the /kenh-cua-xa picker and its cookie, and who sets the settings.</summary>
public class CommuneChannelsTests(StarterCourseFactory factory) : IClassFixture<StarterCourseFactory>
{
    private const string Lesson = "/bai-hoc/" + StarterCourseFactory.LessonId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task SetAsync(int communeId, string? zalo, string? feedbackUrl, string? feedbackText)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var commune = await db.Communes.SingleAsync(c => c.Id == communeId, Ct);
        (commune.ZaloUrl, commune.FeedbackUrl, commune.FeedbackText) = (zalo, feedbackUrl, feedbackText);
        await db.SaveChangesAsync(Ct);
    }

    private async Task<(string? Zalo, string? Url, string? Text)> StoredAsync(int communeId)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var c = await db.Communes.AsNoTracking().SingleAsync(c => c.Id == communeId, Ct);
        return (c.ZaloUrl, c.FeedbackUrl, c.FeedbackText);
    }

    private async Task<Learner> LearnerInAsync(Household household)
    {
        var learner = await Learner.RegisterAsync(factory, "Lường Thị Kênh");
        await HouseholdWorld.LinkLearnerAsync(factory, household, learner.UserName, new CdsLearn.Households.MemberInput("Lường Thị Kênh", 1960, null));
        return learner;
    }

    [Fact]
    public async Task AVisitorSeesALinkToThePickerNeverACommune()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        await SetAsync(world.A1.CommuneId, "https://zalo.me/g/xa-a-thu", null, "Phản ánh tại Trung tâm Phục vụ hành chính công xã.");
        using var learner = await LearnerInAsync(world.InA1);
        await learner.Site.GetAsync(Lesson);
        using var visitor = new SiteClient(factory);

        // Twice: the second answer comes from the output cache, after the learner's own page was drawn.
        foreach (var _ in new[] { 1, 2 })
        {
            var page = await visitor.GetAsync(Lesson);
            var box = Assert.Single(page.QuerySelectorAll("aside.callout-kenh-cua-xa"));
            Assert.Equal("/kenh-cua-xa", box.QuerySelector("a")!.GetAttribute("href"));
            Assert.DoesNotContain("zalo.me", page.Body!.InnerHtml, StringComparison.Ordinal);
            Assert.DoesNotContain(world.A1.Commune!.Name, page.Body.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ALearnerOfAHouseholdSeesTheirCommunesChannelsInTheLesson()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var visitor = new SiteClient(factory);
        await visitor.GetAsync(Lesson);
        await SetAsync(world.A1.CommuneId, "https://zalo.me/g/xa-a-thu", "https://example.org/phan-anh", "Phản ánh tại Trung tâm Phục vụ hành chính công xã.");
        using var learner = await LearnerInAsync(world.InA1);

        var page = await learner.Site.GetAsync(Lesson);

        var box = Assert.Single(page.QuerySelectorAll("aside.callout-kenh-cua-xa"));
        Assert.Contains(world.A1.Commune!.Name, box.QuerySelector(".callout-title")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(box.QuerySelector("a[href='https://zalo.me/g/xa-a-thu']"));
        Assert.NotNull(box.QuerySelector("a[href='https://example.org/phan-anh']"));
        Assert.Contains("Trung tâm Phục vụ hành chính công xã", box.TextContent, StringComparison.Ordinal);
        Assert.Contains("Tổ A1", box.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Tổ B1", page.Body!.TextContent, StringComparison.Ordinal);

        // A change of the settings is not hidden behind the learner's 304.
        var etag = learner.Site.LastResponse!.Headers.ETag!;
        await SetAsync(world.A1.CommuneId, "https://zalo.me/g/xa-a-moi", null, null);
        using var again = new HttpRequestMessage(HttpMethod.Get, Lesson);
        again.Headers.IfNoneMatch.Add(etag);
        using var response = await learner.Site.Http.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("https://zalo.me/g/xa-a-moi", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingSettingsSayToAskTheTeamAndTheProvincesDefaultFillsTheFeedback()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var learner = await LearnerInAsync(world.InB1);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.ProvinceChannels.Where(p => p.Id == ProvinceChannel.TheRow).ExecuteDeleteAsync(Ct);
        }

        var box = (await learner.Site.GetAsync(Lesson)).QuerySelector("aside.callout-kenh-cua-xa")!;
        Assert.Contains("Zalo của xã: chưa có trên trang này. Hãy hỏi Tổ công nghệ số cộng đồng", Squash(box.TextContent), StringComparison.Ordinal);
        Assert.Contains("Nơi phản ánh, kiến nghị: chưa có trên trang này. Hãy hỏi Tổ công nghệ số cộng đồng", Squash(box.TextContent), StringComparison.Ordinal);

        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ChannelService>()
                .SaveProvinceDefaultAsync(new ChannelSettings(null, null, "Phản ánh qua ứng dụng của tỉnh."), "test", Ct);
        }
        box = (await learner.Site.GetAsync(Lesson)).QuerySelector("aside.callout-kenh-cua-xa")!;
        Assert.Contains("(chung của tỉnh): Phản ánh qua ứng dụng của tỉnh.", Squash(box.TextContent), StringComparison.Ordinal);
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().ProvinceChannels.ExecuteDeleteAsync(Ct);
        }
    }

    [Fact]
    public async Task ThePickerListsTheCommunesAndRemembersTheChoiceInACookie()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        await SetAsync(world.B1.CommuneId, "https://zalo.me/g/xa-b-thu", null, null);
        using var visitor = new SiteClient(factory);

        var picker = await visitor.GetAsync("/kenh-cua-xa");
        var form = picker.QuerySelector<IHtmlFormElement>("main form")!;
        Assert.Equal("get", form.Method, ignoreCase: true);
        var options = form.QuerySelectorAll("select[name=xa] option").Skip(1).ToList();
        Assert.True(options.Count >= 75, $"{options.Count} communes");
        Assert.Null(picker.QuerySelector("aside.callout-kenh-cua-xa"));

        var chosen = await visitor.GetAsync($"/kenh-cua-xa?xa={world.B1.CommuneId}");
        Assert.Contains(world.B1.Commune!.Name, chosen.QuerySelector("aside.callout-kenh-cua-xa")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(visitor.Cookie(CdsLearn.Web.Pages.Channels.IndexModel.CookieName));
        Assert.Contains("private", visitor.LastResponse!.Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        var remembered = await visitor.GetAsync("/kenh-cua-xa");
        var box = remembered.QuerySelector("aside.callout-kenh-cua-xa")!;
        Assert.Contains(world.B1.Commune.Name, box.TextContent, StringComparison.Ordinal);
        Assert.NotNull(box.QuerySelector("a[href='https://zalo.me/g/xa-b-thu']"));
        Assert.Contains("Tổ B1", box.TextContent, StringComparison.Ordinal);
        Assert.Equal(world.B1.CommuneId.ToString(CultureInfo.InvariantCulture), remembered.QuerySelector<IHtmlSelectElement>("select[name=xa]")!.Value);

        // Another visitor has their own choice: nothing of the first one's is kept for them.
        using var other = new SiteClient(factory);
        Assert.Null((await other.GetAsync("/kenh-cua-xa")).QuerySelector("aside.callout-kenh-cua-xa"));
    }

    [Fact]
    public async Task ALearnersOwnCommuneComesFirstOnThePage()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var learner = await LearnerInAsync(world.InA2);

        var page = await learner.Site.GetAsync("/kenh-cua-xa");

        Assert.Contains(world.A2.Commune!.Name, page.QuerySelector("aside.callout-kenh-cua-xa")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc", HttpStatusCode.BadRequest)]
    [InlineData("-1", HttpStatusCode.BadRequest)]
    [InlineData("987654321", HttpStatusCode.NotFound)]
    public async Task ABadChoiceIsAVietnamese4xxAndSetsNoCookie(string xa, HttpStatusCode expected)
    {
        using var visitor = new SiteClient(factory);

        var page = await visitor.GetAsync("/kenh-cua-xa?xa=" + Uri.EscapeDataString(xa));

        Assert.Equal(expected, visitor.LastResponse!.StatusCode);
        Assert.Equal("vi", page.DocumentElement.GetAttribute("lang"));
        Assert.Null(visitor.Cookie(CdsLearn.Web.Pages.Channels.IndexModel.CookieName));
    }

    [Theory]
    [InlineData(HouseholdWorld.OfficerOfA, true, false)]
    [InlineData(HouseholdWorld.Province, true, true)]
    [InlineData(HouseholdWorld.Admin, true, true)]
    [InlineData(HouseholdWorld.TeamMemberOfA1, false, false)]
    [InlineData(HouseholdWorld.Learner, false, false)]
    [InlineData("anonymous", false, false)]
    public async Task OnlyTheCommunesOfficerAndTheProvinceSetItsChannels(string who, bool setsA, bool setsB)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var site = who == "anonymous" ? new SiteClient(factory) : await world.SignInAsync(factory, who);
        var token = await TokenAsync(site);
        var zalo = "https://zalo.me/g/" + Guid.NewGuid().ToString("N")[..8];

        foreach (var (commune, allowed) in new[] { (world.A1.CommuneId, setsA), (world.B1.CommuneId, setsB) })
        {
            var url = $"/kenh-cua-xa/cai-dat/{commune}";
            using var get = await site.Http.GetAsync(url, Ct);
            using var post = await site.Http.PostAsync(url, Form(token, ("Input.ZaloUrl", zalo), ("Input.FeedbackText", "Tại Trung tâm Phục vụ hành chính công xã.")), Ct);

            if (allowed)
            {
                Assert.Equal(HttpStatusCode.OK, get.StatusCode);
                Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
            }
            else
            {
                AssertRefused(who, get);
                AssertRefused(who, post);
            }
            Assert.Equal(allowed ? zalo : null, (await StoredAsync(commune)).Zalo);
        }
        if (setsA)
        {
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "channels.edit" && e.Subject == $"commune:{world.A1.CommuneId}", Ct));
        }
    }

    [Theory]
    [InlineData(HouseholdWorld.OfficerOfA, "Input.CommuneId", false)]
    [InlineData(HouseholdWorld.OfficerOfA, "Input[CommuneId]", false)]
    [InlineData(HouseholdWorld.OfficerOfA, "communeId", false)]
    [InlineData(HouseholdWorld.OfficerOfA, "Input.CommuneId", true)]
    [InlineData(HouseholdWorld.OfficerOfA, "Input[CommuneId]", true)]
    [InlineData(HouseholdWorld.OfficerOfA, "communeId", true)]
    [InlineData(HouseholdWorld.Province, "communeId", false)]
    [InlineData(HouseholdWorld.Province, "communeId", true)]
    public async Task ACommuneIdInTheFormOrQueryDoesNotRedirectTheEdit(string who, string field, bool inQuery)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var site = await world.SignInAsync(factory, who);
        var token = await TokenAsync(site);
        var b = world.B1.CommuneId.ToString(CultureInfo.InvariantCulture);
        var url = $"/kenh-cua-xa/cai-dat/{world.A1.CommuneId}" + (inQuery ? $"?{Uri.EscapeDataString(field)}={b}" : "");
        (string, string)[] fields = inQuery ? [("Input.ZaloUrl", "https://zalo.me/g/a-thoi")] : [("Input.ZaloUrl", "https://zalo.me/g/a-thoi"), (field, b)];

        using var response = await site.Http.PostAsync(url, Form(token, fields), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("https://zalo.me/g/a-thoi", (await StoredAsync(world.A1.CommuneId)).Zalo);
        Assert.Null((await StoredAsync(world.B1.CommuneId)).Zalo);
    }

    [Theory]
    [InlineData("Input.ZaloUrl", "http://zalo.me/g/khong-an-toan")]
    [InlineData("Input.ZaloUrl", "javascript:alert(1)")]
    [InlineData("Input.ZaloUrl", "https://zalo.me@lua-dao.top/g/abc")]
    [InlineData("Input.ZaloUrl", "zalo.me/g/abc")]
    [InlineData("Input[ZaloUrl]", "https://zalo.me/g/có dấu cách")]
    [InlineData("Input.FeedbackUrl", "ftp://example.org/phan-anh")]
    [InlineData("Input.FeedbackUrl", "https://example.org/")]
    [InlineData("Input.FeedbackText", "")]
    public async Task ABadSettingIsAVietnameseFieldErrorAndChangesNothing(string field, string value)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        await SetAsync(world.A1.CommuneId, "https://zalo.me/g/cu", null, "Cũ.");
        using var site = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        var form = await site.GetAsync($"/kenh-cua-xa/cai-dat/{world.A1.CommuneId}");
        // Too long where the value itself is fine: a link of 301 characters, a text of 301.
        var sent = value.Length > 0 && !value.EndsWith('/') ? value
            : field == "Input.FeedbackText" ? new string('a', ChannelRules.MaxTextLength + 1)
            : "https://example.org/" + new string('a', ChannelRules.MaxUrlLength);

        var page = await site.SubmitAsync(form, "main form", SiteClient.Fields((field, sent)));

        Assert.Equal(HttpStatusCode.OK, site.LastResponse!.StatusCode);
        var errors = page.QuerySelectorAll(".field-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();
        var error = Assert.Single(errors);
        Assert.Matches("https://|tối đa", error);
        Assert.Equal(("https://zalo.me/g/cu", (string?)null, "Cũ."), await StoredAsync(world.A1.CommuneId));
    }

    [Fact]
    public async Task OnlyTheProvinceSetsTheDefaultFeedbackChannel()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        foreach (var who in new[] { HouseholdWorld.OfficerOfA, HouseholdWorld.TeamMemberOfA1, HouseholdWorld.Learner })
        {
            using var site = await world.SignInAsync(factory, who);
            using var response = await site.Http.PostAsync("/kenh-cua-xa/cai-dat", Form(await TokenAsync(site), ("Input.FeedbackText", "Ghi đè " + who)), Ct);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden || (response.StatusCode == HttpStatusCode.Redirect
                && response.Headers.Location!.OriginalString.Contains("khong-co-quyen", StringComparison.Ordinal)), $"{who}: {response.StatusCode}");
        }
        using (var scope = factory.Services.CreateScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().ProvinceChannels.AnyAsync(p => p.FeedbackText!.StartsWith("Ghi đè"), Ct));
        }
        using var province = await world.SignInAsync(factory, HouseholdWorld.Province);
        var settings = await province.GetAsync("/kenh-cua-xa/cai-dat");
        Assert.True(settings.QuerySelectorAll("ul.member-list li").Length >= 75);
        var bad = await province.SubmitAsync(settings, "main form", SiteClient.Fields(("Input.FeedbackUrl", "http://example.org/x")));
        Assert.Contains("https://", bad.QuerySelector(".field-error")!.TextContent, StringComparison.Ordinal);
        using (var scope = factory.Services.CreateScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().ProvinceChannels.AnyAsync(p => p.FeedbackUrl != null, Ct));
        }
    }

    [Fact]
    public async Task AnOfficerSeesOnlyTheirOwnCommuneInTheList()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);

        var home = await officer.GetAsync("/");
        Assert.NotNull(home.QuerySelector("header a[href='/kenh-cua-xa/cai-dat']"));

        var page = await officer.GetAsync("/kenh-cua-xa/cai-dat");

        var link = Assert.Single(page.QuerySelectorAll("ul.member-list li a"));
        Assert.Equal($"/kenh-cua-xa/cai-dat/{world.A1.CommuneId}", link.GetAttribute("href"));
        Assert.Null(page.QuerySelector("#mac-dinh"));
    }

    /// <summary>Anonymous and roles without the page are sent to sign in or to "no permission"; an officer of another
    /// commune finds nothing there.</summary>
    private static void AssertRefused(string who, HttpResponseMessage response)
    {
        if (who == HouseholdWorld.OfficerOfA)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            return;
        }
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden || (response.StatusCode == HttpStatusCode.Redirect
            && System.Text.RegularExpressions.Regex.IsMatch(response.Headers.Location!.OriginalString, "/tai-khoan/(dang-nhap|khong-co-quyen)")),
            $"{who}: {(int)response.StatusCode} {response.Headers.Location}");
    }

    private static string Squash(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    private static FormUrlEncodedContent Form(string token, params (string, string)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)).Append(new("__RequestVerificationToken", token)));

    /// <summary>An antiforgery token for this visitor: from the password page when signed in, the sign-up page when not.</summary>
    private static async Task<string> TokenAsync(SiteClient site)
    {
        var page = await site.GetAsync("/tai-khoan/doi-mat-khau");
        if (site.LastResponse!.RequestMessage!.RequestUri!.AbsolutePath != "/tai-khoan/doi-mat-khau")
        {
            page = await site.GetAsync("/tai-khoan/dang-ky");
        }
        return page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }
}

/// <summary>The demo install fills plainly fake channels (example.org) for the demo commune and a province default.</summary>
public class DemoChannelsTests(DemoSiteFactory factory) : IClassFixture<DemoSiteFactory>
{
    [Fact]
    public async Task TheDemoCommuneHasObviouslyDemoChannels()
    {
        int communeId;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            communeId = await db.Communes.Where(c => c.Name == DemoDataSeeder.DemoCommune).Select(c => c.Id).SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal(3, await db.Communes.CountAsync(c => c.ZaloUrl != null, TestContext.Current.CancellationToken));
            Assert.All(await db.Communes.Where(c => c.ZaloUrl != null).Select(c => c.ZaloUrl!).ToListAsync(TestContext.Current.CancellationToken),
                url => Assert.StartsWith("https://example.org/demo/", url, StringComparison.Ordinal));
        }
        using var visitor = new SiteClient(factory);

        var box = (await visitor.GetAsync($"/kenh-cua-xa?xa={communeId}")).QuerySelector("aside.callout-kenh-cua-xa")!;

        Assert.NotNull(box.QuerySelector("a[href='https://example.org/demo/zalo-xa-chieng-mai']"));
        Assert.Contains("(Dữ liệu mẫu)", box.TextContent, StringComparison.Ordinal);
        Assert.Contains("Tổ công nghệ số cộng đồng Bản Nà Si", box.TextContent, StringComparison.Ordinal);
    }
}
