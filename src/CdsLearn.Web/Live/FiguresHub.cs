using System.Security.Claims;
using CdsLearn.Households;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CdsLearn.Web.Live;

/// <summary>
/// Live news of the figures. Clients only listen: the server puts each connection in the groups of its scope when it
/// connects (the province, its communes, its villages, and the user), so nobody hears about a place outside their
/// scope. A change of scope takes effect when the page reconnects.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Outreach)]
public sealed class FiguresHub(ScopeService scopes) : Hub
{
    public const string Path = "/hubs/so-lieu";

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        var scope = await scopes.ForAsync(user, Context.ConnectionAborted);
        foreach (var group in LiveFigures.GroupsOf(scope, user.FindFirstValue(ClaimTypes.NameIdentifier)!))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        }
        await base.OnConnectedAsync();
    }
}
