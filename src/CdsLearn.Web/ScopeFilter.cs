using System.Globalization;
using CdsLearn.Contests;
using CdsLearn.Data;
using CdsLearn.Households;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Web;

/// <summary>
/// The scope check of every household, team, dashboard and contest page. It works out the user's
/// <see cref="Scope"/> (none: 403) and leaves it in HttpContext.Items for the page, whose handlers load every
/// household, village, commune, team or contest through it: an id outside the scope finds nothing, whatever form
/// field or query value it came in, and the library's writers refuse one (<see cref="OutOfScopeException"/>, 404 here).
/// The resource that the page's address names (<c>/ho-gia-dinh/{householdId}</c>, <c>/to-cong-nghe/{teamId}</c>,
/// <c>/so-lieu/xa/{communeId}</c>, <c>/cuoc-thi/{id}</c>) is checked here too, before any handler runs, so a new
/// handler on such a page is refused for a resource out of scope even if it forgets; an address part this filter does
/// not know is refused, not let through. Only the route's own values are read: they come from the path, which the
/// route template parses, never from a form field or a query string.
/// </summary>
public sealed class ScopeFilter(ScopeService scopes, AppDbContext db, ContestService contests) : IAsyncPageFilter
{
    /// <summary>Route values that name no resource, or a part of one that its page loads through the resource
    /// (a member through its household).</summary>
    private static readonly HashSet<string> NotResources = ["page", "handler", "memberId"];

    public static Scope ScopeOf(HttpContext context) => context.Items[typeof(Scope)] as Scope ?? Scope.Nothing;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var scope = await scopes.ForAsync(http.User, http.RequestAborted);
        http.Items[typeof(Scope)] = scope;
        if (scope.IsEmpty)
        {
            context.Result = new ForbidResult();
            return;
        }
        foreach (var (key, value) in context.RouteData.Values)
        {
            if (!NotResources.Contains(key) && !await InScopeAsync(scope, key, value?.ToString(), context))
            {
                context.Result = new NotFoundResult();
                return;
            }
        }
        var executed = await next();
        if (executed.Exception is OutOfScopeException)
        {
            executed.Result = new NotFoundResult();
            executed.ExceptionHandled = true;
        }
    }

    private async Task<bool> InScopeAsync(Scope scope, string key, string? raw, PageHandlerExecutingContext context)
    {
        var http = context.HttpContext;
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }
        var ct = http.RequestAborted;
        return key switch
        {
            "householdId" => await scope.Households(db).AnyAsync(h => h.Id == id, ct),
            "teamId" => await scope.Teams(db).AnyAsync(t => t.Id == id, ct),
            "communeId" => await scope.Communes(db).AnyAsync(c => c.Id == id, ct),
            "id" when context.ActionDescriptor.ViewEnginePath.StartsWith("/Contests/", StringComparison.Ordinal) =>
                await contests.FindAsync(id, ct) is { } contest && await contests.MayHostAsync(contest, http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, scope, ct),
            _ => false,
        };
    }
}
