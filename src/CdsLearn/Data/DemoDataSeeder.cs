using CdsLearn.Accounts;
using CdsLearn.Geography;
using CdsLearn.Households;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CdsLearn.Data;

public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Seed the demo villages, households and one account per role (Development).</summary>
    public bool DemoData { get; set; }

    /// <summary>The shared password of the demo accounts; required when DemoData is on.</summary>
    public string DemoPassword { get; set; } = "";
}

/// <summary>The province's communes: real reference data, seeded once into an empty table in every environment.</summary>
public sealed class CommuneSeeder : IDbSeeder
{
    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        if (await db.Communes.AnyAsync(cancellationToken))
        {
            return;
        }
        db.Communes.AddRange(CommuneList.SonLa());
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>
/// Demo villages, a team, households and one account per role, so every screen has something to show.
/// Runs only when Seed:DemoData is on, and only once (it stops if the demo admin exists).
/// </summary>
public sealed class DemoDataSeeder(IOptions<SeedOptions> options, TimeProvider clock) : IDbSeeder
{
    public const string DemoCommune = "Chiềng Mai";

    public static readonly IReadOnlyList<(string UserName, string FullName, string Role)> Accounts =
    [
        ("hocvien", "Lò Thị Hoa", Roles.Learner),
        ("tovien", "Cầm Văn Minh", Roles.TeamMember),
        ("canboxa", "Quàng Văn Sơn", Roles.CommuneOfficer),
        ("skhcn", "Nguyễn Thu Trang", Roles.ProvinceStaff),
        ("admin", "Quản trị hệ thống", Roles.Admin),
    ];

    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.DemoData)
        {
            return;
        }
        if (string.IsNullOrWhiteSpace(settings.DemoPassword))
        {
            throw new InvalidOperationException("Seed:DemoData is on but Seed:DemoPassword is not set.");
        }
        var db = services.GetRequiredService<AppDbContext>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync("admin") is not null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var commune = await db.Communes.SingleAsync(c => c.Name == DemoCommune, cancellationToken);
        var villages = new[] { "Bản Nà Si", "Bản Púng", "Bản Phiêng Hịa" }
            .Select(name => new Village { CommuneId = commune.Id, Name = name, Kind = "bản" })
            .ToList();
        db.Villages.AddRange(villages);
        await db.SaveChangesAsync(cancellationToken);

        var accounts = new Dictionary<string, AppUser>();
        foreach (var (userName, fullName, role) in Accounts)
        {
            var user = new AppUser { UserName = userName, FullName = fullName, CreatedAt = now };
            Check(await users.CreateAsync(user, settings.DemoPassword), userName);
            Check(await users.AddToRoleAsync(user, role), userName);
            accounts[userName] = user;
        }

        SeedChannels(db, commune);

        var team = new Team { Name = $"Tổ công nghệ số cộng đồng {villages[0].Name}", CommuneId = commune.Id, VillageId = villages[0].Id };
        team.Members.Add(new TeamMember { UserId = accounts["tovien"].Id, IsLeader = true });
        db.Teams.Add(team);
        db.CommuneOfficers.Add(new CommuneOfficer { CommuneId = commune.Id, UserId = accounts["canboxa"].Id });

        (string Head, string[] Others)[] families =
        [
            ("Lò Văn Thắng", ["Lò Thị Hoa", "Lò Văn Nam"]),
            ("Cà Văn Pấng", ["Lường Thị Xuân"]),
            ("Tòng Thị Lan", []),
        ];
        for (var i = 0; i < families.Length; i++)
        {
            var (head, others) = families[i];
            var household = new Household
            {
                VillageId = villages[0].Id,
                Code = $"NS-{i + 1:000}",
                HeadName = head,
                JoinCode = $"DEMO{i + 1:000}",
                CreatedAt = now,
            };
            household.Members.Add(new HouseholdMember { FullName = head });
            foreach (var name in others)
            {
                household.Members.Add(new HouseholdMember
                {
                    FullName = name,
                    UserId = name == accounts["hocvien"].FullName ? accounts["hocvien"].Id : null,
                });
            }
            HouseholdEditor.Refresh(household);
            db.Households.Add(household);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>"Kênh của xã" for the demo: plainly fake values (example.org is reserved, it leads nowhere real), on the
    /// demo commune and two others, and a province default; the other communes show what a missing setting looks like.</summary>
    private static void SeedChannels(AppDbContext db, Commune commune)
    {
        commune.ZaloUrl = "https://example.org/demo/zalo-xa-chieng-mai";
        commune.FeedbackText = "(Dữ liệu mẫu) Phản ánh tại Trung tâm Phục vụ hành chính công xã Chiềng Mai.";
        commune.FeedbackUrl = "https://example.org/demo/phan-anh-xa-chieng-mai";
        foreach (var other in db.Communes.Where(c => c.Id != commune.Id).OrderBy(c => c.Id).Take(2))
        {
            other.ZaloUrl = $"https://example.org/demo/zalo-xa-{other.Id}";
        }
        db.ProvinceChannels.Add(new Channels.ProvinceChannel
        {
            FeedbackText = "(Dữ liệu mẫu) Phản ánh qua ứng dụng phản ánh, kiến nghị của tỉnh hoặc tại Trung tâm Phục vụ hành chính công xã.",
        });
    }

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not seed {userName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
