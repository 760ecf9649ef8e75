using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Shared;

/// <summary>
/// Every local link the demo site shows someone leads somewhere: starting from the home page, each role follows the
/// links and GET forms of the pages it can open (two addresses of each shape, e.g. two households), and none answers 404
/// or 5xx. A page renamed in its <c>@page</c> while a link still spells the old address fails here.
/// </summary>
public class LinkCrawlTests(DemoSiteFactory factory) : IClassFixture<DemoSiteFactory>
{
    /// <summary>Addresses of one shape (digits and ids replaced) visited at most this often.</summary>
    private const int PerShape = 2;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData("hocvien")]
    [InlineData("tovien")]
    [InlineData("canboxa")]
    [InlineData("skhcn")]
    [InlineData("admin")]
    public async Task EveryLocalLinkOnTheDemoSiteAnswers(string? userName)
    {
        using var site = new SiteClient(factory);
        if (userName is not null)
        {
            var login = await site.GetAsync("/tai-khoan/dang-nhap");
            await site.SubmitAsync(login, "main form", SiteClient.Fields(("Input.UserName", userName), ("Input.Password", CdsLearnFactory.DemoPassword)));
        }
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var queue = new Queue<(string Url, string From)>([("/", "start")]);
        var visited = 0;
        while (queue.TryDequeue(out var next))
        {
            var shape = Shape(next.Url);
            if (shapes.GetValueOrDefault(shape) >= PerShape)
            {
                continue;
            }
            shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
            visited++;
            using var response = await site.FollowAsync(await site.Http.GetAsync(next.Url, Ct));
            if (response.StatusCode == HttpStatusCode.NotFound || (int)response.StatusCode >= 500)
            {
                failures.Add($"{next.Url} (linked from {next.From}): {(int)response.StatusCode}");
                continue;
            }
            if (response.Content.Headers.ContentType?.MediaType != "text/html" || !IsLocal(response.RequestMessage!.RequestUri!))
            {
                continue;
            }
            var page = await SiteClient.ParseAsync(response);
            foreach (var link in Links(page))
            {
                if (seen.Add(link))
                {
                    queue.Enqueue((link, next.Url));
                }
            }
            foreach (var action in PostActions(page))
            {
                if (seen.Add("POST " + action) && !Answers(action))
                {
                    failures.Add($"POST {action} (form on {next.Url}): no page or endpoint has this address");
                }
            }
        }
        Assert.True(visited > 10, $"only {visited} pages reached");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>Local addresses of links, stylesheets, scripts, pictures and GET forms, without their fragment.</summary>
    private static IEnumerable<string> Links(IHtmlDocument page)
    {
        var addresses = page.QuerySelectorAll("a[href], link[href]").Select(e => e.GetAttribute("href")!)
            .Concat(page.QuerySelectorAll("script[src], img[src]").Select(e => e.GetAttribute("src")!))
            .Concat(page.QuerySelectorAll<IHtmlFormElement>("form[action]").Where(f => !f.Method.Equals("post", StringComparison.OrdinalIgnoreCase)).Select(f => f.GetAttribute("action")!));
        foreach (var address in addresses)
        {
            if (Local(page, address) is { } path && !path.StartsWith("/tai-khoan/dang-xuat", StringComparison.Ordinal))
            {
                yield return path;
            }
        }
    }

    /// <summary>Where the page's POST forms go (they are not sent: only their address is checked).</summary>
    private static IEnumerable<string> PostActions(IHtmlDocument page) =>
        page.QuerySelectorAll<IHtmlFormElement>("form[action]").Where(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase))
            .Select(f => Local(page, f.GetAttribute("action")!)).OfType<string>().Select(a => a.Split('?')[0]);

    private static string? Local(IHtmlDocument page, string address)
    {
        if (address.Length == 0 || address.StartsWith('#') || !Uri.TryCreate(new Uri(page.Url), address, out var uri) || !IsLocal(uri))
        {
            return null;
        }
        return uri.PathAndQuery;
    }

    private static bool IsLocal(Uri uri) => uri.Scheme is "http" or "https" && uri.Host == "localhost";

    /// <summary>Whether some page or endpoint's route template matches the path.</summary>
    private bool Answers(string path) => Route(path) is not null;

    /// <summary>The route template of the page or endpoint that takes the path (the most specific one), or null.</summary>
    private string? Route(string path)
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return endpoints.Where(e => e.RoutePattern.RawText is { } raw
                && new TemplateMatcher(TemplateParser.Parse(raw.TrimStart('/')), new RouteValueDictionary()).TryMatch(Uri.UnescapeDataString(path), new RouteValueDictionary()))
            .OrderBy(e => e.RoutePattern.Parameters.Count).Select(e => e.RoutePattern.RawText).FirstOrDefault();
    }

    /// <summary>"/ho-gia-dinh/12?thon=3" → "/ho-gia-dinh/{householdId:int}?thon": addresses of one page that differ only in
    /// ids or query values are one shape.</summary>
    private string Shape(string url)
    {
        var parts = url.Split('?', 2);
        var query = parts.Length > 1 ? "?" + string.Join('&', parts[1].Split('&').Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal)) : "";
        return (Route(parts[0]) ?? parts[0]) + query;
    }
}
