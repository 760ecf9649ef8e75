using CdsLearn.Data;

namespace CdsLearn.Audit;

/// <summary>Who looked at or exported personal data, and when.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string UserId { get; set; }

    /// <summary>What was done, e.g. "households.list", "household.view", "households.export".</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to, e.g. "village:12", "household:345", or the search made.</summary>
    public required string Subject { get; set; }
}

public sealed class AuditLog(AppDbContext db, TimeProvider clock)
{
    public async Task RecordAsync(string userId, string action, string subject, CancellationToken cancellationToken = default)
    {
        db.AuditEntries.Add(new AuditEntry { At = clock.GetUtcNow().UtcDateTime, UserId = userId, Action = action, Subject = subject });
        await db.SaveChangesAsync(cancellationToken);
    }
}
