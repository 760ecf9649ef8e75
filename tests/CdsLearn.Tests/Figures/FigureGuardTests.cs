using System.Text.RegularExpressions;
using CdsLearn.Data;
using CdsLearn.Figures;
using CdsLearn.Geography;
using CdsLearn.Households;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Tests.Figures;

/// <summary>
/// The figures are kept by <see cref="AppDbContext"/>'s SaveChangesAsync (FigureKeeper). Writes that go around it,
/// ExecuteUpdate/ExecuteDelete and raw SQL, would leave them wrong without a word; a synchronous SaveChanges would
/// have to block on the keeper's asynchronous work. These tests fail when either comes back.
/// </summary>
public sealed partial class FigureGuardTests
{
    /// <summary>What the figures are counted from (and the figures themselves): entity sets and table names.</summary>
    private static readonly string[] CountedTables =
    [
        "Households", "HouseholdMembers", "Certificates", "QuizAttempts", "TaskObservations", "Assignments", "Villages", "Users", "AspNetUsers",
        "VillageFigures", "CommuneFigures", "WorkerFigures", "CommuneFigureStates",
        // Not figures, but the dashboard keeps its team and worker counts (ProvinceFigureCache) until told of a change.
        "Teams", "TeamMembers",
    ];

    /// <summary>
    /// The only files that may write around the keeper, with how many such writes each holds and why that is safe.
    /// A raw SQL statement anywhere else, or an ExecuteUpdate/ExecuteDelete on a counted table, fails the test: it
    /// must go through SaveChangesAsync, or recount (FigureRebuilder) and be listed here with its reason.
    /// </summary>
    private static readonly Dictionary<string, (int Writes, string Why)> AllowedWrites = new()
    {
        ["src/CdsLearn/Figures/FigureStore.cs"] = (5, "the keeper's own writes of the figures"),
        ["src/CdsLearn/Figures/FigureKeeper.cs"] = (2, "a PostgreSQL row lock (SELECT … FOR UPDATE), no write; the workers' last outreach, whose teams' communes it announces"),
        ["src/CdsLearn/Households/TeamService.cs"] = (2, "a team's leader (counted nowhere) and a member's removal, announced to the dashboard (TeamsChanged)"),
        ["src/CdsLearn/Figures/FigureRebuilder.cs"] = (3, "the recount: deletes a commune's figures and writes them again from raw data"),
        ["src/CdsLearn/Households/PersonEraser.cs"] = (1, "blanks the holder's name on certificates; no figure reads names"),
        ["src/CdsLearn/Contests/ContestGame.cs"] = (1, "an answer to a contest (ContestAnswers), which no figure counts"),
        ["src/CdsLearn/Data/DatabaseMigrator.cs"] = (3, "PRAGMA journal_mode and PostgreSQL's migration lock"),
        ["src/CdsLearn/Data/DataServiceCollectionExtensions.cs"] = (2, "PRAGMAs on every new SQLite connection"),
        ["src/CdsLearn/Data/StoredSecret.cs"] = (1, "the stored key ring (StoredSecrets)"),
        ["src/CdsLearn/Keys/ClearTextOverwrite.cs"] = (2, "PRAGMA secure_delete"),
        ["tools/CdsLearn.Cli/PreparedStatement.cs"] = (1, "the demo seeder's statements (DemoProvince), recounted after the seed"),
        ["tools/CdsLearn.Cli/DemoProvince.cs"] = (17, "the demo seeder writes raw rows; SeedCommands recounts every figure afterwards (FigureRebuilder.RebuildAllAsync)"),
        ["tools/CdsLearn.Cli/SeedCommands.cs"] = (2, "PRAGMAs while seeding"),
        ["tools/CdsLearn.Cli/DatabaseCommands.cs"] = (6, "backup and restore: PRAGMAs and read-only checks"),
        ["tools/CdsLearn.Bench/ThroughputBench.Quiz.cs"] = (4, "the quiz benchmark: PRAGMAs and a scratch table (the disk's fsync floor)"),
        ["tools/CdsLearn.Load/LoadDatabase.cs"] = (3, "load tests: reads and integrity checks"),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"\.\s*(?<kind>ExecuteUpdate|ExecuteDelete|ExecuteSql\w*?)(?:Async)?\b|\.CommandText\s*=|PreparedStatement\.(?:Insert|Update)\(")]
    private static partial Regex WriteAround();

    [Fact]
    public void NoCodeWritesTheCountedTablesAroundTheFigureKeeper()
    {
        var root = RepositoryRoot();
        var found = new Dictionary<string, List<string>>();
        foreach (var path in new[] { "src", "tools" }.SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories)))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/Migrations/", StringComparison.Ordinal))
            {
                continue;
            }
            var text = File.ReadAllText(path);
            foreach (Match write in WriteAround().Matches(text))
            {
                var statement = Statement(text, write.Index);
                var efBulk = write.Groups["kind"].Value is "ExecuteUpdate" or "ExecuteDelete";
                // An EF bulk write names its table; raw SQL may hold it anywhere (a variable, a helper), so all of it counts.
                if (!efBulk || CountedTables.Any(t => Regex.IsMatch(statement, $@"\b{t}\b")))
                {
                    found.TryAdd(relative, []);
                    found[relative].Add($"{relative}:{text[..write.Index].Count(c => c == '\n') + 1}: {statement.Trim()}");
                }
            }
        }

        var unexpected = found.Where(f => !AllowedWrites.TryGetValue(f.Key, out var allowed) || allowed.Writes != f.Value.Count)
            .SelectMany(f => f.Value.Prepend($"{f.Key}: {f.Value.Count} write(s) around the figure keeper, {(AllowedWrites.TryGetValue(f.Key, out var a) ? a.Writes : 0)} allowed"))
            .ToList();
        Assert.True(unexpected.Count == 0, string.Join('\n', unexpected));
        var stale = AllowedWrites.Keys.Where(k => !found.ContainsKey(k)).ToList();
        Assert.True(stale.Count == 0, "allowed but no longer found (remove from the list): " + string.Join(", ", stale));
    }

    [Fact]
    public async Task ASynchronousSaveThatMovesTheFiguresIsRefusedAndSavesNothing()
    {
        await using var world = await LibraryWorld.CreateAsync(Ct);
        using var scope = world.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var village = await db.Villages.FirstAsync(v => v.CommuneId == world.CommuneA, Ct);
        db.Households.Add(new Household { VillageId = village.Id, Code = "A-099", HeadName = "Hà Văn Năm", JoinCode = CdsLearn.Rules.ShortCode.New(8), CreatedAt = DateTime.UtcNow });

        var refused = Assert.Throws<InvalidOperationException>(() => db.SaveChanges());

        Assert.Contains("SaveChangesAsync", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, await db.Households.CountAsync(h => h.VillageId == village.Id, Ct));
        db.ChangeTracker.Clear();

        // A change the figures do not read saves synchronously, as the key ring's does.
        db.QuarterTargets.Add(new QuarterTarget { Quarter = 20264, SkillId = "cong-dan-so", Percent = 10, SetByUserId = "skhcn" });
        Assert.Equal(1, db.SaveChanges());
        db.Villages.Add(new Village { CommuneId = world.CommuneA, Name = "Bản Mới" });
        Assert.Equal(1, db.SaveChanges());
    }

    /// <summary>The statement around a position: from the end of the previous statement or block to the next ';'.</summary>
    private static string Statement(string text, int index)
    {
        var start = text.LastIndexOfAny([';', '{', '}'], index) + 1;
        var end = text.IndexOf(';', index);
        return text[start..(end < 0 ? text.Length : end + 1)];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CdsLearn.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no CdsLearn.sln above {AppContext.BaseDirectory}");
    }
}
