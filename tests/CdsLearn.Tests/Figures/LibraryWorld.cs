using CdsLearn.Accounts;
using CdsLearn.Certificates;
using CdsLearn.Cli;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Geography;
using CdsLearn.Households;
using CdsLearn.Learning;
using CdsLearn.Tests.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Tests.Figures;

/// <summary>The library's services over a fresh data folder (the command line's host: migrations, roles, the 75
/// communes), with two communes holding one village each: in the first, a covered household and one that is not.</summary>
public sealed class LibraryWorld : IAsyncDisposable
{
    private LibraryWorld(string folder, IServiceProvider services)
    {
        Folder = folder;
        Services = services;
    }

    public string Folder { get; }

    public IServiceProvider Services { get; }

    public int CommuneA { get; private set; }

    public string CommuneAName { get; private set; } = "";

    /// <summary>"Xã …" or "Phường …", as reports title the commune.</summary>
    public string CommuneADisplayName { get; private set; } = "";

    public int CommuneB { get; private set; }

    public int CoveredHousehold { get; private set; }

    public int OtherHousehold { get; private set; }

    public int HouseholdInB { get; private set; }

    /// <summary>What an officer of commune A sees.</summary>
    public Scope OfficerOfA => new(false, new HashSet<int> { CommuneA }, new HashSet<int>()) { OfficerOf = new HashSet<int> { CommuneA } };

    public static async Task<LibraryWorld> CreateAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cdslearn-tests", Guid.NewGuid().ToString("N"));
        var services = await CliHost.StartAsync(folder, [new("Content:Folder", RepositoryContent.Folder)], cancellationToken);
        var world = new LibraryWorld(folder, services);
        await world.FillAsync(cancellationToken);
        return world;
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var communes = await db.Communes.OrderBy(c => c.Id).Take(2).ToListAsync(cancellationToken);
        (CommuneA, CommuneAName, CommuneADisplayName, CommuneB) = (communes[0].Id, communes[0].Name, communes[0].DisplayName, communes[1].Id);
        var villageA = new Village { CommuneId = CommuneA, Name = "Bản Thử A" };
        var villageB = new Village { CommuneId = CommuneB, Name = "Bản Thử B" };
        db.Villages.AddRange(villageA, villageB);
        var learner = new AppUser { UserName = "lo-thi-hoa", FullName = "Lò Thị Hoa", CreatedAt = DateTime.UtcNow };
        db.Users.Add(learner);
        await db.SaveChangesAsync(cancellationToken);

        var covered = Household(villageA.Id, "A-001", "Lò Văn Ba", ("Lò Văn Ba", 1970, null), ("Lò Thị Hoa", 1998, learner.Id));
        var other = Household(villageA.Id, "A-002", "=HYPERLINK(\"http://x\")", ("=HYPERLINK(\"http://x\")", 1965, null));
        var inB = Household(villageB.Id, "B-001", "Cầm Văn Tư", ("Cầm Văn Tư", 1980, null));
        db.Households.AddRange(covered, other, inB);
        db.Certificates.Add(new Certificate
        {
            Code = CertificateCode.New(), UserId = learner.Id, HolderName = learner.FullName, SkillId = Certificate.DigitalCitizen,
            IssuedAt = DateTime.UtcNow, Province = "Sơn La",
        });
        await db.SaveChangesAsync(cancellationToken);
        (CoveredHousehold, OtherHousehold, HouseholdInB) = (covered.Id, other.Id, inB.Id);
    }

    private static Household Household(int villageId, string code, string head, params (string Name, int Born, string? UserId)[] members)
    {
        var household = new Household { VillageId = villageId, Code = code, HeadName = head, JoinCode = CdsLearn.Rules.ShortCode.New(8), CreatedAt = DateTime.UtcNow };
        household.Members.AddRange(members.Select(m => new HouseholdMember { FullName = m.Name, BirthYear = m.Born, UserId = m.UserId }));
        HouseholdEditor.Refresh(household);
        return household;
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp folder is cleaned by the system.
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>A test class with a fresh <see cref="LibraryWorld"/> for each test.</summary>
public abstract class LibraryWorldTest : IAsyncLifetime
{
    protected LibraryWorld World { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => World = await LibraryWorld.CreateAsync(Ct);

    public ValueTask DisposeAsync() => World.DisposeAsync();

    /// <summary>A learner's own pass of <paramref name="module"/> (5 of 5), as the quiz stores it.</summary>
    protected static QuizAttempt PassOf(string userId, Module module) => new()
    {
        Id = Guid.NewGuid(), UserId = userId, ModuleId = module.Id, SkillId = module.SkillId, SubmittedAt = DateTime.UtcNow,
        Correct = 5, Total = 5, ScorePercent = 100, PassPercent = 80, Passed = true, SheetJson = "{}", DrawId = Guid.NewGuid(),
    };
}
