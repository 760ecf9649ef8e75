using CdsLearn.Accounts;
using CdsLearn.Geography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CdsLearn.Contests;

internal sealed class ContestConfiguration : IEntityTypeConfiguration<Contest>
{
    public void Configure(EntityTypeBuilder<Contest> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(10);
        builder.Property(c => c.Title).HasMaxLength(150);
        builder.Property(c => c.Mode).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Phase).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Property(c => c.ScreenKey).HasMaxLength(ContestRules.ScreenKeyLength);
        builder.HasIndex(c => c.ScreenKey).IsUnique().HasFilter("\"ScreenKey\" IS NOT NULL");
        // The timer looks for open questions whose time is up.
        builder.HasIndex(c => new { c.Phase, c.QuestionClosesAt });
        builder.HasIndex(c => new { c.CommuneId, c.CreatedAt });
        builder.HasOne<Commune>().WithMany().HasForeignKey(c => c.CommuneId);
        builder.HasOne<Village>().WithMany().HasForeignKey(c => c.VillageId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.HostUserId);
        builder.HasMany(c => c.Questions).WithOne().HasForeignKey(q => q.ContestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContestQuestionConfiguration : IEntityTypeConfiguration<ContestQuestion>
{
    public void Configure(EntityTypeBuilder<ContestQuestion> builder)
    {
        builder.Property(q => q.ModuleId).HasMaxLength(100);
        builder.Property(q => q.Text).HasMaxLength(1000);
        builder.Property(q => q.OptionsText).HasMaxLength(4000);
        builder.Property(q => q.Explanation).HasMaxLength(4000);
        builder.HasIndex(q => new { q.ContestId, q.Position }).IsUnique();
        builder.Ignore(q => q.Options);
    }
}

internal sealed class ContestPlayerConfiguration : IEntityTypeConfiguration<ContestPlayer>
{
    public void Configure(EntityTypeBuilder<ContestPlayer> builder)
    {
        builder.Property(p => p.SeatTokenHash).HasMaxLength(64);
        builder.Property(p => p.DisplayName).HasMaxLength(ContestRules.DisplayNameMaxLength);
        builder.HasIndex(p => new { p.ContestId, p.SeatTokenHash }).IsUnique();
        builder.HasIndex(p => p.UserId);
        builder.HasOne<Contest>().WithMany().HasForeignKey(p => p.ContestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ContestAnswerConfiguration : IEntityTypeConfiguration<ContestAnswer>
{
    public void Configure(EntityTypeBuilder<ContestAnswer> builder)
    {
        builder.HasIndex(a => new { a.PlayerId, a.Position }).IsUnique();
        builder.HasIndex(a => new { a.ContestId, a.Position });
        builder.HasOne<Contest>().WithMany().HasForeignKey(a => a.ContestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ContestPlayer>().WithMany().HasForeignKey(a => a.PlayerId).OnDelete(DeleteBehavior.NoAction);
    }
}
