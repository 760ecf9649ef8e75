using System.Diagnostics;
using System.Globalization;
using CdsLearn.Accounts;
using CdsLearn.Certificates;
using CdsLearn.Data;
using CdsLearn.Geography;
using CdsLearn.Households;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Load;

/// <summary>A learner account made for a load run, and the household it belongs to.</summary>
public sealed record LearnerAccount(string UserId, string UserName, string FullName, int HouseholdId);

/// <summary>What a load run needs in the database before the site starts.</summary>
public sealed record PopulationSpec
{
    public int Learners { get; init; } = 500;

    /// <summary>Communes the households are spread over (the first ones of the province), so figures of several
    /// villages and communes change under load.</summary>
    public int Communes { get; init; } = 2;

    public int VillagesPerCommune { get; init; } = 5;

    /// <summary>Certificates made directly for the first learners (the first skill, then the next…), for the
    /// verification benchmark. They are real rows, counted in the figures like issued ones.</summary>
    public int Certificates { get; init; }

    /// <summary>Also a province staff account (who may open any certificate's page, to read its QR link).</summary>
    public bool ProvinceStaff { get; init; }

    /// <summary>Only the head of each household has an account, so no two learners share a household (on PostgreSQL
    /// the figure keeper locks a learner's household while it counts: household members wait for each other).</summary>
    public bool OneLearnerPerHousehold { get; init; }

    public string Password { get; init; } = "hoc-so-tai-nha-2026";

    public int Seed { get; init; } = 7;
}

public sealed record Population(
    IReadOnlyList<LearnerAccount> Learners, IReadOnlyList<int> CommuneIds, IReadOnlyList<string> CertificateCodes,
    string Password, string? ProvinceStaffUserName, int PasswordIterations, TimeSpan Elapsed);

/// <summary>
/// Learners for a load run, written in one transaction before the site starts: villages, households (one to four
/// people, some without an account) and accounts with the Learner role. The password is hashed ONCE with Identity's
/// own hasher and the hash reused for every account: sign-in still verifies it at full cost (the hash carries its
/// salt and iteration count), only the creation skips hundreds of identical hashes. Everything goes through
/// AppDbContext, so the figure keeper counts the new households as it does for the site.
/// </summary>
public static class LoadPopulation
{
    private static readonly string[] FamilyNames = ["Lò", "Cầm", "Quàng", "Lường", "Tòng", "Vì", "Hà", "Nguyễn", "Giàng", "Mùa", "Sồng", "Đinh"];
    private static readonly string[] MiddleNames = ["Văn", "Thị", "Thu", "Minh", "A", "Thị Thu", "Đức"];
    private static readonly string[] GivenNames = ["Hoa", "Minh", "Sơn", "Xuân", "Lan", "Dũng", "Páo", "Mỷ", "Chiến", "Hương", "Thắng", "Ính"];

    public static async Task<Population> CreateAsync(LoadDatabase database, Content.Course course, PopulationSpec spec, CancellationToken cancellationToken = default)
    {
        var elapsed = Stopwatch.StartNew();
        var random = new Random(spec.Seed);
        await using var scope = database.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var hasher = new PasswordHasher<AppUser>();
        var passwordHash = hasher.HashPassword(new AppUser(), spec.Password);
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken);
        var communes = await db.Communes.OrderBy(c => c.Id).Take(spec.Communes).ToListAsync(cancellationToken);
        if (communes.Count < spec.Communes)
        {
            throw new InvalidOperationException("the communes are not seeded");
        }
        var now = DateTime.UtcNow;
        var run = Guid.NewGuid().ToString("N")[..6];

        var villages = new List<Village>();
        foreach (var commune in communes)
        {
            for (var v = 1; v <= spec.VillagesPerCommune; v++)
            {
                villages.Add(new Village { CommuneId = commune.Id, Name = $"Bản Thử {run} {v}", Kind = "bản" });
            }
        }
        db.Villages.AddRange(villages);
        await db.SaveChangesAsync(cancellationToken);

        AppUser NewUser(string userName, string fullName, string role)
        {
            var user = new AppUser
            {
                Id = Guid.NewGuid().ToString(),
                UserName = userName,
                NormalizedUserName = userName.ToUpperInvariant(),
                SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                PasswordHash = passwordHash,
                LockoutEnabled = true,
                FullName = fullName,
                CreatedAt = now,
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles[role] });
            return user;
        }

        var learners = new List<(AppUser User, Household Household)>();
        var householdNumber = 0;
        while (learners.Count < spec.Learners)
        {
            householdNumber++;
            var village = villages[householdNumber % villages.Count];
            var family = FamilyNames[random.Next(FamilyNames.Length)];
            var household = new Household
            {
                VillageId = village.Id,
                Code = $"T{run}-{householdNumber:D5}",
                HeadName = Name(random, family),
                JoinCode = $"L{run}{householdNumber:D6}".ToUpperInvariant(),
                CreatedAt = now,
            };
            var people = random.Next(1, 5);
            for (var p = 0; p < people; p++)
            {
                var member = new HouseholdMember
                {
                    FullName = p == 0 ? household.HeadName : Name(random, family),
                    BirthYear = random.Next(5) == 0 ? null : now.Year - random.Next(10, 80),
                };
                // Most people have an account; children and some elders do not.
                if (learners.Count < spec.Learners && (p == 0 || (!spec.OneLearnerPerHousehold && random.Next(4) != 0)))
                {
                    var user = NewUser($"lt{run}{learners.Count:D5}", member.FullName, Roles.Learner);
                    member.UserId = user.Id;
                    learners.Add((user, household));
                }
                household.Members.Add(member);
            }
            HouseholdEditor.Refresh(household);
            db.Households.Add(household);
        }
        string? staffName = null;
        if (spec.ProvinceStaff)
        {
            staffName = $"skhcn{run}";
            NewUser(staffName, "Nguyễn Thu Trang", Roles.ProvinceStaff);
        }
        await db.SaveChangesAsync(cancellationToken);

        var codes = new List<string>();
        if (spec.Certificates > 0)
        {
            // One learner holds at most one certificate per skill: the first learners get the first skill, and so on.
            var skills = course.Skills.Select(s => s.Id).ToList();
            if (spec.Certificates > learners.Count * skills.Count)
            {
                throw new ArgumentException($"at most {learners.Count * skills.Count} certificates for {learners.Count} learners", nameof(spec));
            }
            var used = new HashSet<string>();
            for (var i = 0; i < spec.Certificates; i++)
            {
                var (user, _) = learners[i % learners.Count];
                string code;
                do
                {
                    code = CertificateCode.New();
                }
                while (!used.Add(code));
                db.Certificates.Add(new Certificate
                {
                    Code = code,
                    UserId = user.Id,
                    HolderName = user.FullName,
                    SkillId = skills[i / learners.Count % skills.Count],
                    IssuedAt = now.AddDays(-random.Next(1, 200)),
                    Province = "Sơn La",
                });
                codes.Add(code);
            }
            await db.SaveChangesAsync(cancellationToken);
        }

        return new Population(
            learners.Select(l => new LearnerAccount(l.User.Id, l.User.UserName!, l.User.FullName, l.Household.Id)).ToList(),
            communes.Select(c => c.Id).ToList(), codes, spec.Password, staffName,
            PasswordIterations(passwordHash), elapsed.Elapsed);
    }

    /// <summary>The PBKDF2 iteration count an Identity V3 hash carries (bytes 5–8, big-endian).</summary>
    public static int PasswordIterations(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        return bytes[0] == 0x01 ? (bytes[5] << 24) | (bytes[6] << 16) | (bytes[7] << 8) | bytes[8] : 1000;
    }

    private static string Name(Random random, string family) => string.Create(CultureInfo.InvariantCulture,
        $"{family} {MiddleNames[random.Next(MiddleNames.Length)]} {GivenNames[random.Next(GivenNames.Length)]}");
}
