using System.Security.Claims;
using System.Text.Json;
using CdsLearn.Accounts;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Web.Pages.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Web.Pages.Learning;

/// <summary>Whose learning a request records: the signed-in user, or the person a team member is helping.</summary>
public sealed record ActingLearner(string UserId, string FullName, string? AssistedByUserId)
{
    public bool IsAssisted => AssistedByUserId is not null;
}

/// <summary>
/// "Học cùng tổ" on the team member's own phone. The team member stays signed in as themselves; a separate,
/// protected cookie names the person being helped, and counts only for the team member who started it, only in the
/// sign-in session it was started in, only while that person is in their scope, and for three hours at most. Ending
/// it ("Kết thúc") ends it on the server too (<see cref="UserSessions.EndAssistAsync"/>), so a copy of the cookie stops
/// working; signing out ends the sign-in session, and it with it. Its database services are resolved only when a help
/// cookie is there to check (or to end): every quiz page and submission asks who is learning, and building a database
/// context for each of them cost more than the answer.
/// </summary>
public sealed class AssistedSession(IDataProtectionProvider protection, IHttpContextAccessor accessor)
{
    public const string CookieName = "cdslearn-hoc-cung";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(3);

    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("CdsLearn.AssistedSession").ToTimeLimitedDataProtector();

    private ActingLearner? current;

    private sealed record Ticket(string AssistantId, string SessionId, int AssistsEnded, string LearnerId, string LearnerName);

    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("no request");

    /// <summary>Read from the cookie's claims: a UserManager (its store, hasher, validators) was built for every quiz
    /// page and submission only for this.</summary>
    private string? UserId => Http.User.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>Null for a visitor; the helped person during an assisted session; else the signed-in user.</summary>
    public async Task<ActingLearner?> CurrentAsync(CancellationToken cancellationToken = default)
    {
        if (current is not null)
        {
            return current;
        }
        if (UserId is not { } me)
        {
            return null;
        }
        if (await TicketAsync(me, cancellationToken) is { } ticket)
        {
            return current = new ActingLearner(ticket.LearnerId, ticket.LearnerName, me);
        }
        return current = new ActingLearner(me, Http.User.Identity?.Name ?? "", null);
    }

    public void Start(string learnerId, string learnerName)
    {
        var me = UserId ?? throw new InvalidOperationException("not signed in");
        var session = SessionCheck.Current(Http) ?? throw new InvalidOperationException("no session");
        var value = protector.Protect(JsonSerializer.Serialize(new Ticket(me, session.Id, session.Live.AssistsEnded, learnerId, learnerName)), Lifetime);
        Http.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = Http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
        });
    }

    /// <summary>"Kết thúc": ends every help cookie of this sign-in session, copies included.</summary>
    public async Task EndAsync(CancellationToken cancellationToken = default)
    {
        if (SessionCheck.Current(Http) is { } session)
        {
            await Http.RequestServices.GetRequiredService<UserSessions>().EndAssistAsync(session.Id, cancellationToken);
        }
        DeleteCookie();
    }

    /// <summary>Deletes the cookie only: for signing out, which ends the whole sign-in session.</summary>
    public void DeleteCookie() => Http.Response.Cookies.Delete(CookieName);

    private async Task<Ticket?> TicketAsync(string me, CancellationToken cancellationToken)
    {
        if (!Http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }
        Ticket? ticket;
        try
        {
            ticket = JsonSerializer.Deserialize<Ticket>(protector.Unprotect(value));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null;
        }
        if (ticket is null || ticket.AssistantId != me
            || SessionCheck.Current(Http) is not { } session || ticket.SessionId != session.Id || ticket.AssistsEnded != session.Live.AssistsEnded)
        {
            return null;
        }
        var scope = await Http.RequestServices.GetRequiredService<ScopeService>().ForAsync(Http.User, cancellationToken);
        var inScope = !scope.IsEmpty && await scope.Households(Http.RequestServices.GetRequiredService<AppDbContext>()).AnyAsync(h => h.Members.Any(m => m.UserId == ticket.LearnerId), cancellationToken);
        return inScope ? ticket : null;
    }
}
