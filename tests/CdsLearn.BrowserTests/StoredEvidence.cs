using CdsLearn.Accounts;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Learning;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.BrowserTests;

/// <summary>
/// Evidence toward a certificate that a browser test is not about, stored as the site's pages would have stored it:
/// quizzes and assessed tasks passed, real tasks seen by a team worker. What the test is about goes through the browser.
/// </summary>
public static class StoredEvidence
{
    public static async Task PassAsync(IServiceProvider services, string userName, IEnumerable<Module> quizzes, IEnumerable<PracticeTask> tasks)
    {
        var ct = TestContext.Current.CancellationToken;
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(ct);
        db.QuizAttempts.AddRange(quizzes.Select(m => new QuizAttempt
        {
            Id = Guid.NewGuid(), DrawId = Guid.NewGuid(), UserId = userId, ModuleId = m.Id, SkillId = m.SkillId, SubmittedAt = now,
            Correct = 5, Total = 5, ScorePercent = 100, PassPercent = 80, Passed = true, SheetJson = new AttemptSheet([]).ToJson(),
        }));
        db.PracticeAttempts.AddRange(tasks.Select(t => new PracticeAttempt
        {
            Id = Guid.NewGuid(), DrawId = Guid.NewGuid(), UserId = userId, TaskId = t.Id, ModuleId = t.ModuleId, SkillId = t.SkillId, SubmittedAt = now,
            StepsRight = t.Steps.Count, StepsTotal = t.Steps.Count, Passed = true, StepsJson = new GradedPractice([], true).ToJson(),
        }));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Every real task of the skill seen by a team worker (an account made for it, in no team).</summary>
    public static async Task ObserveAsync(IServiceProvider services, string userName, Skill skill)
    {
        var ct = TestContext.Current.CancellationToken;
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(ct);
        var worker = new AppUser { UserName = "to" + Guid.NewGuid().ToString("N")[..8], FullName = "Người của Tổ" };
        Assert.True((await users.CreateAsync(worker)).Succeeded);
        db.TaskObservations.AddRange(skill.ObservedTasks.Select(t => new TaskObservation
        {
            UserId = userId, TaskId = t.Id, SkillId = skill.Id, ObservedByUserId = worker.Id, ObservedAt = now,
        }));
        await db.SaveChangesAsync(ct);
    }
}
