using CdsLearn.Accounts;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Tests.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Tests.Figures;

/// <summary>
/// Every stored quiz attempt runs the figure keeper: its statements read the households of the batch's learners
/// before and after the save. At province scale (hundreds of thousands of households and members) a statement that
/// goes through a whole table would be paid by every submission; each must find its rows by key.
/// </summary>
public sealed class FigureKeeperPlanTests : LibraryWorldTest
{
    private static readonly string[] HouseholdTables =
        ["Households", "HouseholdMembers", "AspNetUsers", "Certificates", "Assignments", "QuizAttempts", "PracticeAttempts", "TaskObservations", "TeamMembers"];

    [Fact]
    public async Task ASubmissionsFiguresFindTheirHouseholdsByKey()
    {
        using var scope = World.Services.CreateScope();
        var services = scope.ServiceProvider;
        var module = services.GetRequiredService<CourseCatalog>().Current.Skills.SelectMany(s => s.Modules).First();
        var capture = new CommandCapture();
        await using var db = capture.NewContext(services);
        var learner = await db.Users.SingleAsync(u => u.UserName == "lo-thi-hoa", Ct);
        var member = await db.HouseholdMembers.SingleAsync(m => m.UserId == learner.Id, Ct);
        // An assignment of the module, so the keeper also reads the learner's first passes.
        db.Assignments.Add(new Assignment
        {
            HouseholdId = member.HouseholdId, MemberId = member.Id, SkillId = module.SkillId, ModuleId = module.Id,
            CreatedByUserId = learner.Id, CreatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync(Ct);
        capture.Commands.Clear();

        db.QuizAttempts.Add(PassOf(learner.Id, module));
        await db.SaveChangesAsync(Ct);

        var reads = capture.Commands.Where(c => CommandCapture.AliasesOf(c, HouseholdTables).Count > 0).ToList();
        Assert.True(reads.Count >= 10, $"the keeper read the households {reads.Count} times");
        await CommandCapture.AssertFindsByKeyAsync(db, reads, HouseholdTables, Ct);
    }
}
