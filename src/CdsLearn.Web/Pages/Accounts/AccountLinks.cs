using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace CdsLearn.Web.Pages.Accounts;

internal static partial class AccountLinks
{
    /// <summary>Only a local return URL is followed, so a crafted link cannot send people to another site.</summary>
    public static string SafeReturn(IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : "/";

    public static string ReturnQuery(string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl);

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
