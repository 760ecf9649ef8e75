using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CdsLearn.Accounts;

/// <summary>
/// One sign-in on one phone, live until it signs out, its password changes or it is not used for
/// <see cref="UserSessions.IdleLifetime"/>. The sign-in cookie names it; a cookie whose session is gone signs nobody in
/// (<see cref="UserSessions"/>).
/// </summary>
public class UserSession
{
    /// <summary>128 random bits, hex.</summary>
    public required string Id { get; set; }

    public required string UserId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the session was last used, to within <see cref="UserSessions.SeenPrecision"/> (so that using it
    /// rarely writes).</summary>
    public DateTime LastSeenAt { get; set; }

    /// <summary>How many "Học cùng tổ" sessions have ended in this sign-in: a help cookie carries the count from when it
    /// started, and stops working once the count moves on.</summary>
    public int AssistsEnded { get; set; }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.Property(s => s.Id).HasMaxLength(32);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId);
        builder.HasIndex(s => s.UserId);
        builder.HasIndex(s => s.LastSeenAt);
    }
}
