using CdsLearn.Certificates;
using CdsLearn.Content;

namespace CdsLearn.Cli;

/// <summary>How much demo data to make: how many communes to fill, villages per commune, households per village.</summary>
public sealed record SeedScale(string Name, int Communes, int MinVillages, int MaxVillages, int MinHouseholds, int MaxHouseholds)
{
    /// <summary>Sơn La at real size: 75 communes, ≈ 3,000 villages, ≈ 300,000 households, ≈ 1.3 M people.</summary>
    public static readonly SeedScale Province = new("province", 75, 28, 52, 60, 160);

    /// <summary>The first commune only, at real size: for quick tries and tests.</summary>
    public static readonly SeedScale Commune = new("commune", 1, 28, 52, 60, 160);

    public static readonly IReadOnlyList<SeedScale> All = [Province, Commune];
}

/// <summary>The platform's rules the demo follows: the course, the pass mark, and the certificate options (what a skill
/// certificate rests on, what "Công dân số" needs, the province printed on them).</summary>
public sealed record DemoRules(Course Course, int DefaultPassPercent, CertificateOptions Certificates);

public sealed record DemoCommune(int Id, string Name, bool Ward);

/// <summary>The signed-in accounts placed in the first commune: its officer and a member of its first village's team.</summary>
public sealed record DemoStaff(string OfficerId, string TeamMemberId);

public sealed record DemoCommuneResult(int Villages, int Households, int People, int Accounts, int Attempts, int Certificates);
