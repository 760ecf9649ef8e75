using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace CdsLearn.Web.Tests.Infrastructure;

/// <summary>One visitor with their own cookies, who reads pages and submits their forms like a browser would.</summary>
public sealed class SiteClient : IDisposable
{
    private readonly CookieContainer cookies = new();

    private readonly HttpClient http;

    public SiteClient(WebApplicationFactory<Program> factory)
    {
        // Redirects are not followed by the client (FollowAsync does it); cookies are kept like a browser keeps them.
        http = factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
    }

    public HttpClient Http => http;

    /// <summary>The cookie this visitor holds under <paramref name="name"/> as "name=value" (what someone who copied
    /// it would send), or null.</summary>
    public string? Cookie(string name) => cookies.GetCookies(http.BaseAddress!)[name] is { } cookie ? $"{cookie.Name}={cookie.Value}" : null;

    /// <summary>The last response (after following redirects).</summary>
    public HttpResponseMessage? LastResponse { get; private set; }

    public async Task<IHtmlDocument> GetAsync(string url)
    {
        var response = await FollowAsync(await http.GetAsync(url, TestContext.Current.CancellationToken));
        return await ParseAsync(response);
    }

    /// <summary>Fills the form (the first match of <paramref name="formSelector"/>) and submits it with its antiforgery token.
    /// Repeated keys (checkboxes) take several values.</summary>
    public async Task<IHtmlDocument> SubmitAsync(IHtmlDocument page, string formSelector, IEnumerable<KeyValuePair<string, string>> values)
    {
        var response = await PostFormAsync(page, formSelector, values);
        return await ParseAsync(await FollowAsync(response));
    }

    /// <summary>Posts the form and returns the raw response, without following a redirect.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(IHtmlDocument page, string formSelector, IEnumerable<KeyValuePair<string, string>> values)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"no form {formSelector} on {page.Url}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
        {
            fields.Add(new(input.Name!, input.Value));
        }
        var overridden = values.ToList();
        fields.RemoveAll(f => overridden.Any(o => o.Key == f.Key));
        fields.AddRange(overridden);
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? new Uri(page.Url).PathAndQuery : form.GetAttribute("action")!;
        return await http.PostAsync(action, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
    }

    public static IEnumerable<KeyValuePair<string, string>> Fields(params (string Key, string Value)[] fields) =>
        fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value));

    public async Task<HttpResponseMessage> FollowAsync(HttpResponseMessage response)
    {
        while (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.MovedPermanently)
        {
            response = await http.GetAsync(response.Headers.Location, TestContext.Current.CancellationToken);
        }
        LastResponse = response;
        return response;
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var context = BrowsingContext.New(Configuration.Default);
        var document = await context.OpenAsync(r => r.Content(html).Address(response.RequestMessage!.RequestUri!), TestContext.Current.CancellationToken);
        return (IHtmlDocument)document;
    }

    public void Dispose() => http.Dispose();
}
