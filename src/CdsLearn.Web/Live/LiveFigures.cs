using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Figures;
using CdsLearn.Households;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Web.Live;

/// <summary>
/// Passes committed figure changes to the dashboards over SignalR: "figures" to the groups of the places that changed
/// (the message names only places of that group), and "done" to the team worker whose assignment was just finished.
/// Sending never holds up or fails the save that caused it.
/// </summary>
public sealed class LiveFigures(IHubContext<FiguresHub> hub, IServiceScopeFactory scopes, CourseCatalog catalog, ILogger<LiveFigures> logger) : IFigureListener
{
    public const string ProvinceGroup = "p";

    public static string CommuneGroup(int id) => "c:" + id;

    public static string VillageGroup(int id) => "v:" + id;

    public static string UserGroup(string id) => "u:" + id;

    public static IEnumerable<string> GroupsOf(Scope scope, string userId) =>
        (scope.WholeProvince ? [ProvinceGroup] : Array.Empty<string>())
            .Concat(scope.CommuneIds.Select(CommuneGroup))
            .Concat(scope.VillageIds.Select(VillageGroup))
            .Append(UserGroup(userId));

    public void OnCommitted(FigureChange change) => _ = SendAsync(change);

    private async Task SendAsync(FigureChange change)
    {
        try
        {
            await hub.Clients.Group(ProvinceGroup).SendAsync("figures", new { communes = change.CommuneIds });
            foreach (var commune in change.CommuneIds)
            {
                await hub.Clients.Group(CommuneGroup(commune)).SendAsync("figures", new { communes = new[] { commune } });
            }
            foreach (var village in change.VillageIds)
            {
                await hub.Clients.Group(VillageGroup(village)).SendAsync("figures", new { villages = new[] { village } });
            }
            if (change.AssignmentsDone.Count > 0)
            {
                await NotifyDoneAsync(change.AssignmentsDone);
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not send live figures");
        }
    }

    /// <summary>"Hộ Lò Văn Thắng: Lò Thị Hoa đã hoàn thành …" to whoever gave the assignment.</summary>
    private async Task NotifyDoneAsync(IReadOnlyList<int> assignmentIds)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var done = await (from a in db.Assignments
                          join h in db.Households on a.HouseholdId equals h.Id
                          where assignmentIds.Contains(a.Id)
                          select new { a.CreatedByUserId, a.HouseholdId, h.HeadName, a.SkillId, a.ModuleId, a.MemberId }).ToListAsync();
        var course = catalog.Current;
        foreach (var a in done)
        {
            var title = a.ModuleId is { } m && course.FindModule(m) is { } module ? module.Title : CertificateIssuer.TitleOf(course, a.SkillId ?? "");
            await hub.Clients.Group(UserGroup(a.CreatedByUserId)).SendAsync("done", new
            {
                household = a.HouseholdId,
                text = $"Hộ {a.HeadName} đã hoàn thành bài được giao: {title}.",
            });
        }
    }
}
