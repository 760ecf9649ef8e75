using System.Security.Claims;
using CdsLearn.Accounts;
using CdsLearn.Data;
using CdsLearn.Geography;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Households;

/// <summary>
/// The part of the province a user may see: province staff everything; a commune officer their communes; a team
/// member the villages of their teams (all of a commune for a commune-level team); anyone else nothing.
/// Every household, village, commune, team and contest query of the site starts from here: a resource is loaded
/// through one of these queries, so an id that lies outside the scope finds nothing, whatever form field it came in.
/// </summary>
public sealed record Scope(bool WholeProvince, IReadOnlySet<int> CommuneIds, IReadOnlySet<int> VillageIds)
{
    public static Scope Nothing { get; } = new(false, new HashSet<int>(), new HashSet<int>());

    public static Scope Province { get; } = new(true, new HashSet<int>(), new HashSet<int>());

    /// <summary>The communes the user is an officer of: who may change what belongs to a whole commune (its teams,
    /// its report, its targets). A commune-wide team's members see the commune but do not manage it.</summary>
    public IReadOnlySet<int> OfficerOf { get; init; } = new HashSet<int>();

    public bool IsEmpty => !WholeProvince && CommuneIds.Count == 0 && VillageIds.Count == 0;

    /// <summary>May change what belongs to the whole commune: province staff, or an officer of that commune.</summary>
    public bool ManagesCommune(int communeId) => WholeProvince || OfficerOf.Contains(communeId);

    public IQueryable<Team> Teams(AppDbContext db)
    {
        if (WholeProvince)
        {
            return db.Teams;
        }
        var communes = CommuneIds.ToList();
        var villages = VillageIds.ToList();
        return db.Teams.Where(t => communes.Contains(t.CommuneId) || (t.VillageId != null && villages.Contains(t.VillageId.Value)));
    }

    public IQueryable<Village> Villages(AppDbContext db)
    {
        if (WholeProvince)
        {
            return db.Villages;
        }
        var communes = CommuneIds.ToList();
        var villages = VillageIds.ToList();
        return db.Villages.Where(v => communes.Contains(v.CommuneId) || villages.Contains(v.Id));
    }

    public IQueryable<Household> Households(AppDbContext db)
    {
        if (WholeProvince)
        {
            return db.Households;
        }
        var villages = Villages(db).Select(v => v.Id);
        return db.Households.Where(h => villages.Contains(h.VillageId));
    }

    /// <summary>The communes the user manages (<see cref="ManagesCommune"/>): every one for province staff, an
    /// officer's own; none for a team member, even of a commune-wide team.</summary>
    public IQueryable<Commune> ManagedCommunes(AppDbContext db)
    {
        if (WholeProvince)
        {
            return db.Communes;
        }
        var officerOf = OfficerOf.ToList();
        return db.Communes.Where(c => officerOf.Contains(c.Id));
    }

    public IQueryable<Commune> Communes(AppDbContext db)
    {
        if (WholeProvince)
        {
            return db.Communes;
        }
        // Not Concat(CommuneIds): EF cannot put an empty in-memory set into SQL as a table (a team worker's case).
        var communeIds = CommuneIds.ToList();
        var viaVillages = Villages(db).Select(v => v.CommuneId);
        return db.Communes.Where(c => communeIds.Contains(c.Id) || viaVillages.Contains(c.Id));
    }
}

public sealed class ScopeService(AppDbContext db)
{
    public async Task<Scope> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return Scope.Nothing;
        }
        if (user.IsInRole(Roles.ProvinceStaff) || user.IsInRole(Roles.Admin))
        {
            return Scope.Province;
        }
        var communes = new HashSet<int>();
        var villages = new HashSet<int>();
        var officerOf = new HashSet<int>();
        if (user.IsInRole(Roles.CommuneOfficer))
        {
            officerOf.UnionWith(await db.CommuneOfficers.Where(o => o.UserId == userId).Select(o => o.CommuneId).ToListAsync(cancellationToken));
            communes.UnionWith(officerOf);
        }
        if (user.IsInRole(Roles.TeamMember))
        {
            var teams = await db.Teams.Where(t => t.Members.Any(m => m.UserId == userId))
                .Select(t => new { t.CommuneId, t.VillageId }).ToListAsync(cancellationToken);
            villages.UnionWith(teams.Where(t => t.VillageId is not null).Select(t => t.VillageId!.Value));
            communes.UnionWith(teams.Where(t => t.VillageId is null).Select(t => t.CommuneId));
        }
        return communes.Count == 0 && villages.Count == 0 ? Scope.Nothing : new Scope(false, communes, villages) { OfficerOf = officerOf };
    }
}
