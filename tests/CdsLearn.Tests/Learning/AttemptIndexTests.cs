using System.Text.RegularExpressions;
using CdsLearn.Accounts;
using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Figures;
using CdsLearn.Learning;
using CdsLearn.Tests.Database;
using CdsLearn.Tests.Figures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CdsLearn.Tests.Learning;

/// <summary>
/// A learner's attempts are read by learner on every submission and result page (the earning rule, the progress
/// after a pass, the figures' first activity and helpers). Each attempt row carries its answer sheet, and a learner's
/// rows lie scattered over as many pages as they have attempts, read again after every commit (SQLite drops a
/// connection's page cache when another has written). These queries must be answered from an index alone.
/// </summary>
public sealed class AttemptIndexTests : LibraryWorldTest
{
    [Fact]
    public async Task ALearnersAttemptsAreReadFromTheIndexAlone()
    {
        using var scope = World.Services.CreateScope();
        var services = scope.ServiceProvider;
        var catalog = services.GetRequiredService<CourseCatalog>();
        var skill = catalog.Current.Skills.First(s => s.Modules.Count > 1 && s.Modules.Any(m => m.PracticeTasks.Count > 0));
        var capture = new CommandCapture();
        await using var db = capture.NewContext(services);
        var userId = await db.Users.Where(u => u.UserName == "lo-thi-hoa").Select(u => u.Id).SingleAsync(Ct);
        var helper = new AppUser { UserName = "to-vien", FullName = "Tổ viên", CreatedAt = DateTime.UtcNow };
        db.Users.Add(helper);
        var helperId = helper.Id;
        var at = DateTime.UtcNow.AddDays(-30);
        for (var i = 0; i < 40; i++)
        {
            var module = skill.Modules[i % skill.Modules.Count];
            var task = skill.Modules.SelectMany(m => m.PracticeTasks).ToList()[i % 2 == 0 ? 0 : ^1];
            db.QuizAttempts.Add(new QuizAttempt
            {
                Id = Guid.NewGuid(), UserId = userId, ModuleId = module.Id, SkillId = skill.Id, SubmittedAt = at.AddHours(i), Correct = 4, Total = 5,
                ScorePercent = 80, PassPercent = 80, Passed = i % 3 != 0, SheetJson = "{}", DrawId = Guid.NewGuid(), AssistedByUserId = i % 4 == 0 ? helperId : null,
            });
            db.PracticeAttempts.Add(new PracticeAttempt
            {
                Id = Guid.NewGuid(), UserId = userId, TaskId = task.Id, ModuleId = task.ModuleId, SkillId = skill.Id, DrawId = Guid.NewGuid(),
                SubmittedAt = at.AddHours(i), StepsRight = 3, StepsTotal = 3, Passed = i % 2 == 0, StepsJson = "[]",
            });
        }
        await db.SaveChangesAsync(Ct);
        var options = services.GetRequiredService<IOptions<CertificateOptions>>();
        var issuer = new CertificateIssuer(db, catalog, options, TimeProvider.System);
        var progress = new ProgressService(db, catalog, issuer, TimeProvider.System);
        capture.Commands.Clear();

        // What a submission and its result page read: the earning rule, the progress after the pass, the figures.
        var evidence = await issuer.EvidenceOfAsync([userId], Ct);
        await progress.AfterPassAsync(userId, skill.Id, skill.Modules[0].Id, at, Ct);
        await progress.GetAsync(userId, Ct);
        await HouseholdContributions.ComputeAsync(db, db.Households.Where(h => h.Id == World.CoveredHousehold), _ => 2026, Ct);

        Assert.NotEmpty(evidence[userId].QuizPasses);
        Assert.NotEmpty(evidence[userId].PracticePasses);
        var read = capture.Commands.Where(c => CommandCapture.AliasesOf(c, AttemptTables).Count > 0).ToList();
        // One statement for each of the four calls above (the evidence is one UNION ALL statement).
        Assert.True(read.Count >= 4, $"the learner's attempts were read {read.Count} times");
        await db.Database.OpenConnectionAsync(Ct);
        var connection = db.Database.GetDbConnection();
        foreach (var command in read)
        {
            var plan = await CommandCapture.PlanAsync(connection, command, Ct);
            var aliases = CommandCapture.AliasesOf(command, AttemptTables);
            var rowReads = plan.Where(line => Regex.Match(line, @"^(SCAN|SEARCH) (\w+)") is { Success: true } m
                && aliases.Contains(m.Groups[2].Value) && !line.Contains("COVERING INDEX", StringComparison.Ordinal)).ToList();
            Assert.True(rowReads.Count == 0, $"reads the attempts themselves ({string.Join("; ", rowReads)}):\n{command.CommandText}");
            // Found by learner, not by going through every learner's attempts (an index scan is still all of them).
            var scans = CommandCapture.Scans(plan, aliases);
            Assert.True(scans.Count == 0, $"scans the attempts ({string.Join("; ", scans)}):\n{command.CommandText}");
        }
    }

    /// <summary>The issuer reads one learner's evidence (a result page) and a batch's (a group commit) with the same
    /// statement: the learners are one parameter, so EF neither builds the SQL again for each size of batch nor for
    /// each call, and the statement is compiled once.</summary>
    [Fact]
    public async Task OneLearnersEvidenceAndABatchsAreTheSameStatementWithTheLearnersAsOneParameter()
    {
        using var scope = World.Services.CreateScope();
        var services = scope.ServiceProvider;
        var capture = new CommandCapture();
        await using var db = capture.NewContext(services);
        // The world's learner, and two accounts with nothing done yet.
        string[] learners = [await db.Users.Where(u => u.UserName == "lo-thi-hoa").Select(u => u.Id).SingleAsync(Ct), Guid.NewGuid().ToString(), Guid.NewGuid().ToString()];
        var catalog = services.GetRequiredService<CourseCatalog>();
        var module = catalog.Current.Skills[0].Modules[0];
        db.QuizAttempts.Add(PassOf(learners[0], module));
        await db.SaveChangesAsync(Ct);
        var issuer = new CertificateIssuer(db, catalog, services.GetRequiredService<IOptions<CertificateOptions>>(), TimeProvider.System);
        capture.Commands.Clear();

        var one = await issuer.EvidenceOfAsync([learners[0]], Ct);
        var three = await issuer.EvidenceOfAsync(learners, Ct);

        Assert.NotEmpty(one[learners[0]].QuizPasses);
        Assert.Equal(one[learners[0]].QuizPasses, three[learners[0]].QuizPasses);
        Assert.Empty(three[learners[2]].QuizPasses);
        Assert.Equal(2, capture.Commands.Count);
        Assert.Equal(capture.Commands[0].CommandText, capture.Commands[1].CommandText);
        var parameter = Assert.Single(capture.Commands[1].Parameters);
        Assert.All(learners, id => Assert.Contains(id, Assert.IsType<string>(parameter.Value), StringComparison.Ordinal));
    }

    private static readonly string[] AttemptTables = ["QuizAttempts", "PracticeAttempts"];
}
