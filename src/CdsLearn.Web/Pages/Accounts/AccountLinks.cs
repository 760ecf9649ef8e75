using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace CdsLearn.Web.Pages.Accounts;

internal static partial class AccountLinks
{
    /// <summary>Only a local return URL is followed, so a crafted link cannot send people to another site.</summary>
    public static string SafeReturn(IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : "/";

    /// <summary>A phone number typed with spaces, dots or dashes ("0912 345 678") becomes its digits, so it
    /// signs in however it is typed; other user names are kept as typed, trimmed.</summary>
    public static string NormalizeUserName(string typed)
    {
        var trimmed = typed.Trim();
        return PhoneLike().IsMatch(trimmed) ? NotDigitOrPlus().Replace(trimmed, "") : trimmed;
    }

    [GeneratedRegex(@"^\+?[0-9][0-9 .\-]{6,}$")]
    private static partial Regex PhoneLike();

    [GeneratedRegex(@"[^0-9+]")]
    private static partial Regex NotDigitOrPlus();
}

/// <summary>
/// Why a page needs the person signed in, said on the sign-in and sign-up pages when that page sent them there: put on
/// the page model, found by <see cref="SignInPurposes"/> through the page's route, so a page keeps its word whatever
/// its address becomes.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SignInPurposeAttribute(string toDo, string returnsTo) : Attribute
{
    public SignInPurpose Purpose { get; } = new(toDo, returnsTo);
}

/// <summary>The page a local return address leads to, matched against the routes of the pages that carry a
/// <see cref="SignInPurposeAttribute"/>, and what it says.</summary>
public sealed class SignInPurposes(EndpointDataSource endpoints)
{
    private IReadOnlyList<(TemplateMatcher Route, SignInPurpose Purpose)>? pages;

    /// <summary>Why the page at <paramref name="returnUrl"/> asks for signing in; null for a page with nothing to say, or
    /// a return URL that is not followed (not local).</summary>
    public SignInPurpose? Of(IUrlHelper url, string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || !url.IsLocalUrl(returnUrl))
        {
            return null;
        }
        var path = returnUrl.Split('?', '#')[0];
        // Endpoints are complete once the app runs; read them on first use.
        pages ??= endpoints.Endpoints.OfType<RouteEndpoint>()
            .Select(e => (e.RoutePattern.RawText, Attribute: e.Metadata.GetMetadata<SignInPurposeAttribute>()))
            .Where(e => e.RawText is not null && e.Attribute is not null)
            .Select(e => (new TemplateMatcher(TemplateParser.Parse(e.RawText!.TrimStart('/')), new RouteValueDictionary()), e.Attribute!.Purpose))
            .ToList();
        return pages.FirstOrDefault(p => p.Route.TryMatch(path, new RouteValueDictionary())).Purpose;
    }
}

/// <summary>What signing in is for (<see cref="ToDo"/>: "làm bài kiểm tra và lưu kết quả") and where the person returns
/// to afterwards (<see cref="ReturnsTo"/>: "bài kiểm tra").</summary>
public sealed record SignInPurpose(string ToDo, string ReturnsTo);
