using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace CdsLearn.Web.Pages.Accounts;

internal static partial class AccountLinks
{
    /// <summary>Only a local return URL is followed, so a crafted link cannot send people to another site.</summary>
    public static string SafeReturn(IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : "/";

    /// <summary>Why a page sent the person to sign in, said on the sign-in and sign-up pages (nobody is sent there without
    /// a word); null for a page with nothing to say, or a return URL that is not followed.</summary>
    public static SignInPurpose? PurposeOf(IUrlHelper url, string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || !url.IsLocalUrl(returnUrl))
        {
            return null;
        }
        var path = returnUrl.Split('?', '#')[0];
        return path.StartsWith("/kiem-tra/", StringComparison.Ordinal) ? new("làm bài kiểm tra và lưu kết quả", "bài kiểm tra")
            : path.StartsWith("/lam-thu/", StringComparison.Ordinal) && path.EndsWith("/cham-diem", StringComparison.Ordinal)
                ? new("làm bài chấm điểm và lưu kết quả", "bài chấm điểm")
            : path.StartsWith("/chung-chi", StringComparison.Ordinal) ? new("xem chứng chỉ của bạn", "trang chứng chỉ")
            : null;
    }

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

/// <summary>What signing in is for (<see cref="ToDo"/>: "làm bài kiểm tra và lưu kết quả") and where the person returns
/// to afterwards (<see cref="ReturnsTo"/>: "bài kiểm tra").</summary>
public sealed record SignInPurpose(string ToDo, string ReturnsTo);
