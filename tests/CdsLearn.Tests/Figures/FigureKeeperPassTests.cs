using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Figures;
using CdsLearn.Households;
using CdsLearn.Tests.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Tests.Figures;

/// <summary>
/// A learner's own pass counts in the figures only as the first pass of a module assigned to their household, and
/// shows on the household page only for an assignment of the module or its skill. Any other pass moves nothing: the
/// keeper stores it without reading the household's contributions and tells no dashboard (each told dashboard fetches
/// its page again). Passes that do count still count, and the figures kept equal a recount.
/// </summary>
public sealed class FigureKeeperPassTests : LibraryWorldTest
{
    [Fact]
    public async Task APassCountsAndIsToldOnlyWhenItsModuleOrSkillIsAssignedToTheHousehold()
    {
        using var scope = World.Services.CreateScope();
        var services = scope.ServiceProvider;
        var course = services.GetRequiredService<CourseCatalog>().Current;
        var capture = new CommandCapture();
        var told = new FigureRecorder();
        await using var db = capture.NewContext(services, [told]);
        var learner = await db.Users.SingleAsync(u => u.UserName == "lo-thi-hoa", Ct);
        var member = await db.HouseholdMembers.SingleAsync(m => m.UserId == learner.Id, Ct);
        var (safety, other) = (course.FindSkill("an-toan-mang")!, course.Skills.First(s => s.Id != "an-toan-mang"));

        // Nothing assigned; then a module of another skill assigned: a pass of a safety module moves nothing.
        var figures = await FiguresAsync(db);
        await PassAsync(db, learner.Id, safety.Modules[0]);
        Assert.Equal(figures, await FiguresAsync(db));
        await AssignAsync(db, member, learner.Id, moduleId: other.Modules[0].Id);
        figures = await FiguresAsync(db);
        told.Changes.Clear();
        capture.Commands.Clear();
        await PassAsync(db, learner.Id, safety.Modules[1]);
        Assert.Empty(told.Changes);
        Assert.Equal(figures, await FiguresAsync(db));
        Assert.DoesNotContain(capture.Commands, c => CommandCapture.AliasesOf(c, ["Certificates", "TaskObservations"]).Count > 0);
        await CommandCapture.AssertFindsByKeyAsync(db, capture.Commands.ToList(), ["HouseholdMembers", "Assignments"], Ct);

        // The skill assigned: the household page's assignment shows the pass, so its village and commune are told.
        await AssignAsync(db, member, learner.Id, skillId: safety.Id);
        told.Changes.Clear();
        await PassAsync(db, learner.Id, safety.Modules[2]);
        var change = Assert.Single(told.Changes);
        Assert.Contains(World.CommuneA, change.CommuneIds);
        Assert.Empty(change.AssignmentsDone);

        // A module assigned: its first pass is the assignment done, counted and told.
        var assignment = await AssignAsync(db, member, learner.Id, moduleId: safety.Modules[3].Id);
        told.Changes.Clear();
        await PassAsync(db, learner.Id, safety.Modules[3]);
        Assert.Equal([assignment], Assert.Single(told.Changes).AssignmentsDone);
        Assert.NotNull(await db.Assignments.Where(a => a.Id == assignment).Select(a => a.DoneAt).SingleAsync(Ct));
        var kept = await FiguresAsync(db);
        Assert.Contains(kept, f => f.Contains(Metric.AssignedDone, StringComparison.Ordinal));
        await services.GetRequiredService<FigureRebuilder>().RebuildCommuneAsync(World.CommuneA, Ct);
        Assert.Equal(await FiguresAsync(db), kept);
    }

    private static async Task PassAsync(AppDbContext db, string userId, Module module)
    {
        db.QuizAttempts.Add(PassOf(userId, module));
        await db.SaveChangesAsync(Ct);
    }

    private static async Task<int> AssignAsync(AppDbContext db, HouseholdMember member, string byUserId, string? skillId = null, string? moduleId = null)
    {
        var assignment = new Assignment
        {
            HouseholdId = member.HouseholdId, SkillId = skillId, ModuleId = moduleId, CreatedByUserId = byUserId, CreatedAt = DateTime.UtcNow,
        };
        db.Assignments.Add(assignment);
        await db.SaveChangesAsync(Ct);
        return assignment.Id;
    }

    /// <summary>Every figure of the database, as sorted lines.</summary>
    private static async Task<List<string>> FiguresAsync(AppDbContext db) =>
        (await db.VillageFigures.AsNoTracking().Select(f => "v" + f.VillageId + ":" + f.Quarter + ":" + f.Metric + "=" + f.Value).ToListAsync(Ct))
        .Concat(await db.CommuneFigures.AsNoTracking().Select(f => "c" + f.CommuneId + ":" + f.Quarter + ":" + f.Metric + "=" + f.Value).ToListAsync(Ct))
        .Concat(await db.WorkerFigures.AsNoTracking().Select(f => "w" + f.CommuneId + ":" + f.UserId + ":" + f.Quarter + ":" + f.Metric + "=" + f.Value).ToListAsync(Ct))
        .Order(StringComparer.Ordinal).ToList();
}
