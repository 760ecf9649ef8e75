using System.Globalization;
using CdsLearn.Data;
using CdsLearn.Households;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Web.Pages.Households;

/// <summary>
/// The one scope check for every household and team page and handler: a household or team id in the route, or a
/// commune or village id in the route, query or form, must lie in the user's scope, else the answer is 404 (a guessed
/// id learns nothing).
/// The user's scope is left in HttpContext.Items for the page to use.
/// </summary>
public sealed class HouseholdScopeFilter(ScopeService scopes, AppDbContext db) : IAsyncPageFilter
{
    public const string HouseholdKey = "householdId";

    public const string TeamKey = "teamId";

    private static readonly string[] VillageKeys = ["villageId", "thon", "Input.VillageId"];

    private static readonly string[] CommuneKeys = ["communeId", "xa", "Input.CommuneId"];

    public static Scope ScopeOf(HttpContext context) => context.Items[typeof(Scope)] as Scope ?? Scope.Nothing;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var ct = http.RequestAborted;
        var scope = await scopes.ForAsync(http.User, ct);
        http.Items[typeof(Scope)] = scope;
        if (scope.IsEmpty)
        {
            context.Result = new ForbidResult();
            return;
        }
        if (context.RouteData.Values.TryGetValue(HouseholdKey, out var raw) && raw is not null)
        {
            if (!int.TryParse(raw.ToString(), CultureInfo.InvariantCulture, out var householdId)
                || !await scope.Households(db).AnyAsync(h => h.Id == householdId, ct))
            {
                context.Result = new NotFoundResult();
                return;
            }
        }
        if (context.RouteData.Values.TryGetValue(TeamKey, out var rawTeam) && rawTeam is not null)
        {
            var communes = scope.Communes(db).Select(c => c.Id);
            if (!int.TryParse(rawTeam.ToString(), CultureInfo.InvariantCulture, out var teamId)
                || !await db.Teams.AnyAsync(t => t.Id == teamId && (scope.WholeProvince || communes.Contains(t.CommuneId)), ct))
            {
                context.Result = new NotFoundResult();
                return;
            }
        }
        foreach (var value in Values(http, context, CommuneKeys))
        {
            if (!int.TryParse(value, CultureInfo.InvariantCulture, out var communeId) || !await scope.Communes(db).AnyAsync(c => c.Id == communeId, ct))
            {
                context.Result = new NotFoundResult();
                return;
            }
        }
        foreach (var value in Values(http, context, VillageKeys))
        {
            if (!int.TryParse(value, CultureInfo.InvariantCulture, out var villageId) || !await scope.Villages(db).AnyAsync(v => v.Id == villageId, ct))
            {
                context.Result = new NotFoundResult();
                return;
            }
        }
        await next();
    }

    private static IEnumerable<string> Values(HttpContext http, PageHandlerExecutingContext context, string[] keys)
    {
        foreach (var key in keys)
        {
            if (context.RouteData.Values.TryGetValue(key, out var route) && route?.ToString() is { Length: > 0 } r)
            {
                yield return r;
            }
            foreach (var q in http.Request.Query[key])
            {
                if (!string.IsNullOrEmpty(q))
                {
                    yield return q;
                }
            }
            if (http.Request.HasFormContentType)
            {
                foreach (var f in http.Request.Form[key])
                {
                    if (!string.IsNullOrEmpty(f))
                    {
                        yield return f;
                    }
                }
            }
        }
    }
}
