using CdsLearn.Accounts;
using CdsLearn.Data;
using CdsLearn.Geography;
using CdsLearn.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Households;

/// <summary>
/// Two communes: A with villages A1 and A2, B with village B1; one household in each village; and one account per
/// role: a team member of A1, a commune officer of A, province staff, an admin, a learner, and a team member of B1.
/// Names are unique per world, so worlds can share a database.
/// </summary>
public sealed class HouseholdWorld
{
    public const string Password = "mat-khau-to-vien";

    public required Village A1 { get; init; }
    public required Village A2 { get; init; }
    public required Village B1 { get; init; }
    public required Household InA1 { get; init; }
    public required Household InA2 { get; init; }
    public required Household InB1 { get; init; }
    public required IReadOnlyDictionary<string, string> UserNames { get; init; }

    public const string TeamMemberOfA1 = "team-a1";
    public const string OfficerOfA = "officer-a";
    public const string Province = "province";
    public const string Admin = "admin";
    public const string Learner = "learner";
    public const string TeamMemberOfB1 = "team-b1";

    public static readonly string[] Everyone = [TeamMemberOfA1, OfficerOfA, Province, Admin, Learner, TeamMemberOfB1];

    public static async Task<HouseholdWorld> CreateAsync(CdsLearnFactory factory)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var editor = scope.ServiceProvider.GetRequiredService<HouseholdEditor>();

        var communeA = new Commune { Name = "Xã A " + tag, Kind = CommuneKind.Xa, OfficialHouseholds = 100 };
        var communeB = new Commune { Name = "Xã B " + tag, Kind = CommuneKind.Xa };
        var a1 = new Village { Name = "Bản A1", Commune = communeA };
        var a2 = new Village { Name = "Bản A2", Commune = communeA };
        var b1 = new Village { Name = "Bản B1", Commune = communeB };
        db.AddRange(communeA, communeB, a1, a2, b1);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        var names = new Dictionary<string, string>();
        async Task<AppUser> AccountAsync(string key, string role)
        {
            var user = new AppUser { UserName = $"{key}-{tag}", FullName = "Người " + key };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            names[key] = user.UserName;
            return user;
        }
        var teamA1 = await AccountAsync(TeamMemberOfA1, Roles.TeamMember);
        var officerA = await AccountAsync(OfficerOfA, Roles.CommuneOfficer);
        await AccountAsync(Province, Roles.ProvinceStaff);
        await AccountAsync(Admin, Roles.Admin);
        await AccountAsync(Learner, Roles.Learner);
        var teamB1 = await AccountAsync(TeamMemberOfB1, Roles.TeamMember);
        db.Teams.Add(new Team { Name = "Tổ A1", CommuneId = communeA.Id, VillageId = a1.Id, Members = [new TeamMember { UserId = teamA1.Id, IsLeader = true }] });
        db.Teams.Add(new Team { Name = "Tổ B1", CommuneId = communeB.Id, VillageId = b1.Id, Members = [new TeamMember { UserId = teamB1.Id }] });
        db.CommuneOfficers.Add(new CommuneOfficer { CommuneId = communeA.Id, UserId = officerA.Id });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        return new HouseholdWorld
        {
            A1 = a1,
            A2 = a2,
            B1 = b1,
            InA1 = await editor.CreateAsync(Scope.Province, new HouseholdInput(a1.Id, "A1-001", "Lò Văn Một"), 1970, null, TestContext.Current.CancellationToken),
            InA2 = await editor.CreateAsync(Scope.Province, new HouseholdInput(a2.Id, "A2-001", "Cầm Thị Hai"), 1980, null, TestContext.Current.CancellationToken),
            InB1 = await editor.CreateAsync(Scope.Province, new HouseholdInput(b1.Id, "B1-001", "Quàng Văn Ba"), 1990, null, TestContext.Current.CancellationToken),
            UserNames = names,
        };
    }

    public async Task<SiteClient> SignInAsync(CdsLearnFactory factory, string who)
    {
        var site = new SiteClient(factory);
        var login = await site.GetAsync("/tai-khoan/dang-nhap");
        await site.SubmitAsync(login, "main form", SiteClient.Fields(("Input.UserName", UserNames[who]), ("Input.Password", Password)));
        return site;
    }

    /// <summary>Adds a member to the household, linked to the learner's account; returns the member's id.</summary>
    public static async Task<int> LinkLearnerAsync(CdsLearnFactory factory, Household household, string userName, MemberInput member)
    {
        using var scope = factory.Services.CreateScope();
        var editor = scope.ServiceProvider.GetRequiredService<HouseholdEditor>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = (await editor.FindAsync(Scope.Province, household.Id, TestContext.Current.CancellationToken))!;
        var userId = db.Users.Where(u => u.UserName == userName).Select(u => u.Id).Single();
        return (await editor.AddMemberAsync(stored, member, userId, TestContext.Current.CancellationToken)).Id;
    }

    /// <summary>Which households each role may see.</summary>
    public IEnumerable<Household> VisibleTo(string who) => who switch
    {
        TeamMemberOfA1 => [InA1],
        OfficerOfA => [InA1, InA2],
        Province or Admin => [InA1, InA2, InB1],
        TeamMemberOfB1 => [InB1],
        _ => [],
    };
}
