using System.Security.Cryptography;
using System.Text.Json;
using CdsLearn.Accounts;
using Microsoft.AspNetCore.DataProtection;

namespace CdsLearn.Web.Pages.Accounts;

/// <summary>
/// A phone that has signed in to an account keeps a protected cookie saying so (an id of its own and the accounts,
/// by <see cref="SignInGuard.AccountKey"/>), for a year. <see cref="SignInGuard"/> counts its wrong passwords apart from
/// its address's and lets it sign in while strangers' guesses hold the account. The cookie goes only to the account
/// pages, and proves nothing by itself: the password is still needed.
/// </summary>
public sealed class KnownPhones(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = "cdslearn-thiet-bi";

    private const int MaxAccounts = 10;

    private readonly IDataProtector protector = protection.CreateProtector("CdsLearn.KnownPhone");

    private sealed record Payload(string Id, List<string> Accounts);

    public SignInClient ClientOf(HttpContext http)
    {
        var payload = Read(http);
        return new SignInClient(ClientAddress.Of(http), payload?.Id, payload?.Accounts.ToHashSet() ?? []);
    }

    public void Remember(HttpContext http, string accountKey)
    {
        var payload = Read(http) ?? new Payload(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), []);
        var accounts = payload.Accounts.Where(a => a != accountKey).Prepend(accountKey).Take(MaxAccounts).ToList();
        http.Response.Cookies.Append(CookieName, protector.Protect(JsonSerializer.Serialize(payload with { Accounts = accounts })), new CookieOptions
        {
            Path = "/tai-khoan",
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            Expires = clock.GetUtcNow().AddYears(1),
        });
    }

    private Payload? Read(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<Payload>(protector.Unprotect(value));
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            return null;
        }
    }
}
