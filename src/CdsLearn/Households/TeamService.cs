using CdsLearn.Accounts;
using CdsLearn.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Households;

public sealed record TeamMemberView(string UserId, string UserName, string FullName, bool IsLeader);

/// <summary>Teams (Tổ CNSCĐ): one per village or commune-wide; members are accounts with the TeamMember role.</summary>
public sealed class TeamService(AppDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    /// <summary>Whether the user may set up a team here: a commune they manage, and a village of that commune.</summary>
    public async Task<bool> MaySetUpAsync(Scope scope, int communeId, int? villageId, CancellationToken cancellationToken = default) =>
        scope.ManagesCommune(communeId)
        && await db.Communes.AnyAsync(c => c.Id == communeId, cancellationToken)
        && (villageId is not { } village || await db.Villages.AnyAsync(v => v.Id == village && v.CommuneId == communeId, cancellationToken));

    public async Task<Team> CreateAsync(Scope scope, int communeId, int? villageId, string name, CancellationToken cancellationToken = default)
    {
        if (!await MaySetUpAsync(scope, communeId, villageId, cancellationToken))
        {
            throw new OutOfScopeException($"commune {communeId}, village {villageId}");
        }
        var team = new Team { CommuneId = communeId, VillageId = villageId, Name = name.Trim() };
        db.Teams.Add(team);
        await db.SaveChangesAsync(cancellationToken);
        TeamsChanged(communeId);
        return team;
    }

    public async Task<IReadOnlyList<TeamMemberView>> MembersAsync(int teamId, CancellationToken cancellationToken = default) =>
        await db.TeamMembers.Where(m => m.TeamId == teamId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.IsLeader, u.Id, u.UserName, u.FullName })
            .OrderByDescending(m => m.IsLeader).ThenBy(m => m.FullName)
            .Select(m => new TeamMemberView(m.Id, m.UserName!, m.FullName, m.IsLeader))
            .ToListAsync(cancellationToken);

    /// <summary>Adds an existing account; it gets the TeamMember role. Returns an error in Vietnamese, or null.</summary>
    public async Task<string?> AddExistingAsync(int teamId, string userName, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            return "Không có tài khoản mang tên đăng nhập này.";
        }
        return await AddAsync(teamId, user, cancellationToken);
    }

    /// <summary>Makes an account for a new member (a volunteer without one) and adds it. Returns errors, or none.</summary>
    public async Task<IReadOnlyList<IdentityError>> AddNewAsync(int teamId, string fullName, string userName, string password, CancellationToken cancellationToken = default)
    {
        var user = new AppUser { UserName = userName.Trim(), FullName = fullName.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return created.Errors.ToList();
        }
        var error = await AddAsync(teamId, user, cancellationToken);
        return error is null ? [] : [new IdentityError { Description = error }];
    }

    public async Task SetLeaderAsync(int teamId, string userId, bool isLeader, CancellationToken cancellationToken = default) =>
        await db.TeamMembers.Where(m => m.TeamId == teamId && m.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.IsLeader, isLeader), cancellationToken);

    public async Task RemoveAsync(int teamId, string userId, CancellationToken cancellationToken = default)
    {
        await db.TeamMembers.Where(m => m.TeamId == teamId && m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        TeamsChanged(await CommuneOfAsync(teamId, cancellationToken));
    }

    private async Task<string?> AddAsync(int teamId, AppUser user, CancellationToken cancellationToken)
    {
        if (await db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == user.Id, cancellationToken))
        {
            return "Người này đã ở trong tổ.";
        }
        if (!await users.IsInRoleAsync(user, Roles.TeamMember))
        {
            await users.AddToRoleAsync(user, Roles.TeamMember);
        }
        db.TeamMembers.Add(new TeamMember { TeamId = teamId, UserId = user.Id });
        await db.SaveChangesAsync(cancellationToken);
        TeamsChanged(await CommuneOfAsync(teamId, cancellationToken));
        return null;
    }

    private async Task<int?> CommuneOfAsync(int teamId, CancellationToken cancellationToken) =>
        await db.Teams.Where(t => t.Id == teamId).Select(t => (int?)t.CommuneId).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The dashboard counts teams and workers per commune and keeps the counts (Figures.ProvinceFigureCache):
    /// it is told once the change is saved.</summary>
    private void TeamsChanged(int? communeId)
    {
        if (communeId is { } id)
        {
            db.Figures.Changed(new Figures.FigureChange(new HashSet<int> { id }, new HashSet<int>(), []));
        }
    }
}
