using System.Globalization;
using CdsLearn.Accounts;

namespace CdsLearn.Web.Pages.Accounts;

/// <summary>What a refused password check says; the same whether the account exists or not.</summary>
internal static class SignInMessages
{
    public static string For(SignInCheck check, string wrongPassword) => check.Outcome switch
    {
        SignInOutcome.TooManyFromHere =>
            $"Bạn đã nhập sai mật khẩu nhiều lần. Hãy thử lại sau {Minutes(check.Wait)} phút.",
        SignInOutcome.TooManyForAccount =>
            $"Tên đăng nhập này vừa bị nhập sai mật khẩu nhiều lần. Để bảo vệ tài khoản, chỉ máy đã từng đăng nhập tên này mới đăng nhập được lúc này. Hãy thử lại sau {Minutes(check.Wait)} phút.",
        _ => wrongPassword,
    };

    private static string Minutes(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
}
