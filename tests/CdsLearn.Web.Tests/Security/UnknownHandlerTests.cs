using System.Net;
using CdsLearn.Contests;
using CdsLearn.Households;
using Microsoft.Extensions.DependencyInjection;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;

namespace CdsLearn.Web.Tests.Security;

/// <summary>
/// Finding 6 of the attack: a POST to a page without a POST handler, or a handler name the page lacks, rendered the
/// page with nothing loaded and failed with a 500 (and a stack trace in Development). Each is a 4xx page in
/// Vietnamese now.
/// </summary>
public class UnknownHandlerTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    [Fact]
    public async Task APostToAPageWithoutAPostHandlerOrAnUnknownHandlerIsRefusedInVietnamese()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var site = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        var ct = TestContext.Current.CancellationToken;
        var token = (await site.GetAsync("/tai-khoan/doi-mat-khau")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        int contestId;
        using (var scope = factory.Services.CreateScope())
        {
            var officer = scope.ServiceProvider.GetRequiredService<CdsLearn.Data.AppDbContext>().Users
                .Single(u => u.UserName == world.UserNames[HouseholdWorld.OfficerOfA]).Id;
            contestId = (await scope.ServiceProvider.GetRequiredService<ContestService>().CreateAsync(Scope.Province,
                new ContestDraft("Thi thử", world.A1.CommuneId, null, ContestMode.Points, 20, 3, [], []), officer, ct)).Id;
        }
        var host = $"/cuoc-thi/{contestId}/dieu-khien";
        var screen = $"/cuoc-thi/{contestId}/man-hinh";
        Assert.Equal(HttpStatusCode.OK, (await site.Http.GetAsync(screen, ct)).StatusCode);

        var requests = new (HttpMethod Method, string Url)[]
        {
            (HttpMethod.Post, "/ky-nang/an-toan-mang"),
            (HttpMethod.Post, "/so-lieu"),
            (HttpMethod.Post, screen),
            (HttpMethod.Post, "/"),
            (HttpMethod.Post, $"/ho-gia-dinh/{world.InA1.Id}"),
            (HttpMethod.Post, $"/ho-gia-dinh/{world.InA1.Id}?handler=Nope"),
            (HttpMethod.Post, $"{host}?handler=Nope"),
        };
        foreach (var (method, url) in requests)
        {
            using var request = new HttpRequestMessage(method, url);
            if (method == HttpMethod.Post)
            {
                request.Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
            }
            using var response = await site.Http.SendAsync(request, ct);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{method} {url}: {(int)response.StatusCode}");
            var page = await SiteClient.ParseAsync(response);
            Assert.Contains(page.QuerySelector("h1")!.TextContent, new[] { "Không tìm thấy trang", "Yêu cầu không hợp lệ" });
        }
        // An unknown handler on a GET falls back to the page's own OnGet (Razor Pages' choice): the page, not a 500.
        foreach (var url in new[] { $"/ho-gia-dinh/{world.InA1.Id}?handler=Nope", "/so-lieu?handler=Nope", $"{screen}?handler=Nope" })
        {
            using var response = await site.Http.GetAsync(url, ct);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"GET {url}: {(int)response.StatusCode}");
        }
    }
}
