using System.CommandLine;
using CdsLearn.Accounts;
using CdsLearn.Certificates;
using CdsLearn.Cli;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Figures;
using CdsLearn.Households;
using CdsLearn.Tests.Content;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CdsLearn.Tests.Cli;

public sealed class SeedCommandsTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cdslearn-tests", Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACommuneOfDemoDataIsConsistentIsSeededOnlyOnceAndItsFiguresEqualARecount()
    {
        var output = new StringWriter();
        var root = new RootCommand { SeedCommands.Create(output), RollupCommands.Create(output) };
        string[] seed = ["seed", "demo", "--scale", "commune", "--data", folder, "--content", RepositoryContent.Folder];

        var exitCode = await root.Parse(seed).InvokeAsync(cancellationToken: Ct);

        Assert.True(exitCode == 0, output.ToString());
        var services = await CliHost.StartAsync(folder, Ct);
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            using var catalog = new CourseCatalog(Options.Create(new ContentOptions { Folder = RepositoryContent.Folder }),
                new CourseLoader(new MarkdownRenderer()), NullLogger<CourseCatalog>.Instance);
            // The seed ran with the default certificate options (no configuration says otherwise here).
            await AssertConsistentAsync(db, new CertificateIssuer(db, catalog, Options.Create(new CertificateOptions()), TimeProvider.System));
            Assert.True(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>()
                .CheckPasswordAsync((await db.Users.SingleAsync(u => u.UserName == "admin", Ct))!, SeedCommands.DefaultPassword));
        }
        var seeded = await SnapshotAsync(services);

        // The figures kept by the seed are those a recount from raw data gives, and agree with the live coverage.
        using (var scope = services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<FigureRebuilder>().RebuildAllAsync(null, Ct);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var live = await scope.ServiceProvider.GetRequiredService<CoverageReport>().ByCommuneAsync(Scope.Province, Ct);
            var line = Assert.Single(live, l => l.Registered > 0);
            var totals = await db.CommuneFigures.Where(f => f.CommuneId == line.Id).GroupBy(f => f.Metric)
                .ToDictionaryAsync(g => g.Key, g => g.Sum(f => f.Value), Ct);
            Assert.Equal(line.Registered, totals[Metric.Households]);
            Assert.Equal(line.Covered, totals[Metric.Covered]);
            Assert.InRange(line.Covered, 1, line.Registered - 1);
            Assert.True(line.Official > line.Registered, $"official {line.Official}, registered {line.Registered}");
        }
        Assert.Equal(seeded, await SnapshotAsync(services));

        output.GetStringBuilder().Clear();
        var again = await root.Parse(seed).InvokeAsync(cancellationToken: Ct);

        Assert.Equal(1, again);
        Assert.Contains("Không tạo gì", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(seeded, await SnapshotAsync(services));

        output.GetStringBuilder().Clear();
        var rebuilt = await root.Parse(["rollups", "rebuild", "--data", folder]).InvokeAsync(cancellationToken: Ct);

        Assert.True(rebuilt == 0, output.ToString());
        Assert.Contains("Đã đếm lại số liệu của 75 xã/phường", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(seeded, await SnapshotAsync(services));
    }

    private static async Task AssertConsistentAsync(AppDbContext db, CertificateIssuer issuer)
    {
        var course = new CourseLoader(new MarkdownRenderer()).Load(RepositoryContent.Folder).Course;
        var certificates = await db.Certificates.AsNoTracking().ToListAsync(Ct);
        var names = await db.Users.ToDictionaryAsync(u => u.Id, u => u.FullName, Ct);
        Assert.Contains(certificates, c => c.SkillId == Certificate.DigitalCitizen);
        Assert.True(await db.PracticeAttempts.AnyAsync(a => a.Passed, Ct) && await db.TaskObservations.AnyAsync(Ct), "the demo shows practice and observed tasks");

        // The seeder issues by the platform's one rule: the issuer finds nothing more to issue, and every certificate
        // was earned, by what was done up to its moment, under the rule, with the basis the issuer would print.
        var userIds = names.Keys.ToList();
        Assert.Empty(await issuer.IssueEarnedAsync(userIds, Ct));
        var evidence = await FirstProofsAsync(db);
        var required = issuer.RequiredSkills.Select(s => s.Id).ToList();
        foreach (var held in certificates.GroupBy(c => c.UserId))
        {
            var proofs = evidence.GetValueOrDefault(held.Key) ?? LearnerEvidence.None;
            foreach (var certificate in held)
            {
                var before = held.Where(c => c.IssuedAt < certificate.IssuedAt).Select(c => new HeldCertificate(c.SkillId, c.IssuedAt, null)).ToList();
                var counted = Earning.Counting(course, Until(proofs, certificate.IssuedAt), []);
                Assert.Contains(certificate.SkillId, Earning.Unheld(course, issuer.Rule, required, counted, before));
                Assert.Equal(Earning.BasisOf(course, certificate.SkillId, issuer.Rule, counted), certificate.Basis);
                Assert.DoesNotContain(certificate.SkillId, Earning.Unheld(course, issuer.Rule, required,
                    Earning.Counting(course, Until(proofs, certificate.IssuedAt.AddTicks(-1)), []), before));
            }
            Assert.All(held, c => Assert.Equal(names[c.UserId], c.HolderName));
        }
        Assert.All(certificates, c => Assert.Equal("Sơn La", c.Province));
        Assert.Equal(certificates.Count, certificates.Select(c => c.Code).Distinct().Count());
        Assert.All(certificates, c => Assert.Equal(c.Code, CertificateCode.Normalize(c.Code)));

        var households = await db.Households.Include(h => h.Members).AsNoTracking().ToListAsync(Ct);
        Assert.InRange(households.Count, 1_000, 10_000);
        Assert.DoesNotContain(households.GroupBy(h => (h.VillageId, h.Code)), g => g.Count() > 1);
        Assert.Equal(households.Count, households.Select(h => h.JoinCode).Distinct().Count());
        foreach (var household in households)
        {
            var stored = household.SearchText;
            HouseholdEditor.Refresh(household);
            Assert.Equal(household.SearchText, stored);
            Assert.Equal(household.HeadName, household.Members[0].FullName);
        }
        var people = households.Sum(h => h.Members.Count);
        Assert.InRange(people / (double)households.Count, 3.8, 4.8);

        var firstAttempts = await db.QuizAttempts.GroupBy(a => a.UserId).Select(g => new { UserId = g.Key, First = g.Min(a => a.SubmittedAt) }).ToListAsync(Ct);
        var created = await db.Users.ToDictionaryAsync(u => u.Id, u => u.CreatedAt, Ct);
        Assert.All(firstAttempts, a => Assert.True(created[a.UserId] < a.First, $"{a.UserId} attempted before their account existed"));

        // A helper is a member of the team of the learner's village.
        var helpedOutsideTheirTeam = await (from a in db.QuizAttempts
                                            where a.AssistedByUserId != null
                                            join m in db.HouseholdMembers on a.UserId equals m.UserId
                                            join h in db.Households on m.HouseholdId equals h.Id
                                            where !db.Teams.Any(t => t.VillageId == h.VillageId && t.Members.Any(tm => tm.UserId == a.AssistedByUserId))
                                            select a.Id).CountAsync(Ct);
        Assert.Equal(0, helpedOutsideTheirTeam);
        Assert.True(await db.QuizAttempts.AnyAsync(a => a.AssistedByUserId != null, Ct));

        // Rows written outside EF read back through it: a Guid key is found by value.
        var attempt = await db.QuizAttempts.AsNoTracking().OrderBy(a => a.SubmittedAt).FirstAsync(Ct);
        Assert.True(await db.QuizAttempts.AnyAsync(a => a.Id == attempt.Id, Ct));

        // A worker's last outreach is their latest household registered, assignment given, quiz taken with them or real task seen.
        var outreach = (await db.Households.Where(h => h.CreatedByUserId != null).Select(h => new { UserId = h.CreatedByUserId!, At = h.CreatedAt })
                .Concat(db.Assignments.Select(a => new { UserId = a.CreatedByUserId, At = a.CreatedAt }))
                .Concat(db.QuizAttempts.Where(a => a.AssistedByUserId != null).Select(a => new { UserId = a.AssistedByUserId!, At = a.SubmittedAt }))
                .Concat(db.TaskObservations.Select(o => new { UserId = o.ObservedByUserId, At = o.ObservedAt }))
                .ToListAsync(Ct))
            .GroupBy(o => o.UserId).ToDictionary(g => g.Key, g => g.Max(o => o.At));
        var lastActive = await db.TeamMembers.Where(m => m.LastActiveAt != null).ToDictionaryAsync(m => m.UserId, m => m.LastActiveAt!.Value, Ct);
        Assert.Equal(outreach.OrderBy(o => o.Key), lastActive.OrderBy(o => o.Key));

        var firstVillage = await db.Villages.OrderBy(v => v.Id).FirstAsync(Ct);
        var tovien = await db.Users.SingleAsync(u => u.UserName == "tovien", Ct);
        var canboxa = await db.Users.SingleAsync(u => u.UserName == "canboxa", Ct);
        Assert.True(await db.TeamMembers.AnyAsync(m => m.UserId == tovien.Id && m.IsLeader && db.Teams.Any(t => t.Id == m.TeamId && t.VillageId == firstVillage.Id), Ct));
        Assert.True(await db.CommuneOfficers.AnyAsync(o => o.UserId == canboxa.Id && o.CommuneId == firstVillage.CommuneId, Ct));
        Assert.True(await db.Households.AnyAsync(h => h.CreatedByUserId == tovien.Id, Ct));
        Assert.True(await db.Assignments.AnyAsync(a => a.DoneAt != null, Ct));
    }

    /// <summary>Each learner's first pass of every quiz and assessed task, and every real task seen (undisputed), with the team's name.</summary>
    private static async Task<Dictionary<string, LearnerEvidence>> FirstProofsAsync(AppDbContext db)
    {
        var quizzes = (await db.QuizAttempts.Where(a => a.Passed).GroupBy(a => new { a.UserId, a.ModuleId })
            .Select(g => new { g.Key.UserId, Id = g.Key.ModuleId, At = g.Min(a => a.SubmittedAt) }).ToListAsync(Ct)).ToLookup(p => p.UserId, p => new Proof(p.Id, p.At));
        var practice = (await db.PracticeAttempts.Where(a => a.Passed).GroupBy(a => new { a.UserId, a.TaskId })
            .Select(g => new { g.Key.UserId, Id = g.Key.TaskId, At = g.Min(a => a.SubmittedAt) }).ToListAsync(Ct)).ToLookup(p => p.UserId, p => new Proof(p.Id, p.At));
        var seen = (await (from o in db.TaskObservations
                           where o.DisputedAt == null
                           join t in db.Teams on o.TeamId equals t.Id
                           select new { o.UserId, o.TaskId, o.ObservedAt, t.Name }).ToListAsync(Ct)).ToLookup(o => o.UserId, o => new Proof(o.TaskId, o.ObservedAt, o.Name));
        return quizzes.Select(g => g.Key).Concat(practice.Select(g => g.Key)).Concat(seen.Select(g => g.Key)).Distinct()
            .ToDictionary(id => id, id => new LearnerEvidence(quizzes[id].ToList(), practice[id].ToList(), seen[id].ToList()));
    }

    private static LearnerEvidence Until(LearnerEvidence evidence, DateTime at) => new(
        evidence.QuizPasses.Where(p => p.At <= at).ToList(), evidence.PracticePasses.Where(p => p.At <= at).ToList(), evidence.Observations.Where(p => p.At <= at).ToList());

    /// <summary>Every figure, the stored completion of every assignment, and the row counts of the raw data.</summary>
    private static async Task<string> SnapshotAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var communes = await db.CommuneFigures.OrderBy(f => f.CommuneId).ThenBy(f => f.Quarter).ThenBy(f => f.Metric)
            .Select(f => $"{f.CommuneId}:{f.Quarter}:{f.Metric}={f.Value}").ToListAsync(Ct);
        var villages = await db.VillageFigures.SumAsync(f => f.Value, Ct);
        var workers = await db.WorkerFigures.SumAsync(f => f.Value, Ct);
        var done = await db.Assignments.OrderBy(a => a.Id).Select(a => $"{a.Id}:{a.DoneAt}").ToListAsync(Ct);
        var counts = new[]
        {
            await db.Villages.CountAsync(Ct), await db.Households.CountAsync(Ct), await db.HouseholdMembers.CountAsync(Ct),
            await db.Users.CountAsync(Ct), await db.QuizAttempts.CountAsync(Ct), await db.Certificates.CountAsync(Ct),
            await db.PracticeAttempts.CountAsync(Ct), await db.TaskObservations.CountAsync(Ct),
        };
        return string.Join('\n', [string.Join(',', counts), $"v={villages} w={workers}", .. communes, .. done]);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
