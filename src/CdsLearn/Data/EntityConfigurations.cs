using CdsLearn.Accounts;
using CdsLearn.Certificates;
using CdsLearn.Geography;
using CdsLearn.Households;
using CdsLearn.Learning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CdsLearn.Data;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder) => builder.Property(u => u.FullName).HasMaxLength(100);
}

internal sealed class CommuneConfiguration : IEntityTypeConfiguration<Commune>
{
    public void Configure(EntityTypeBuilder<Commune> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(c => c.FormerDistrict).HasMaxLength(100);
        builder.Property(c => c.ZaloUrl).HasMaxLength(Channels.ChannelRules.MaxUrlLength);
        builder.Property(c => c.FeedbackUrl).HasMaxLength(Channels.ChannelRules.MaxUrlLength);
        builder.Property(c => c.FeedbackText).HasMaxLength(Channels.ChannelRules.MaxTextLength);
        builder.HasIndex(c => c.Name).IsUnique();
        builder.Ignore(c => c.DisplayName);
    }
}

internal sealed class VillageConfiguration : IEntityTypeConfiguration<Village>
{
    public void Configure(EntityTypeBuilder<Village> builder)
    {
        builder.Property(v => v.Name).HasMaxLength(100);
        builder.Property(v => v.Kind).HasMaxLength(30);
        builder.HasOne(v => v.Commune).WithMany(c => c.Villages).HasForeignKey(v => v.CommuneId);
        builder.HasIndex(v => new { v.CommuneId, v.Name }).IsUnique();
    }
}

internal sealed class CommuneOfficerConfiguration : IEntityTypeConfiguration<CommuneOfficer>
{
    public void Configure(EntityTypeBuilder<CommuneOfficer> builder)
    {
        builder.HasKey(o => new { o.CommuneId, o.UserId });
        builder.HasOne<Commune>().WithMany().HasForeignKey(o => o.CommuneId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(o => o.UserId);
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(150);
        builder.HasOne<Commune>().WithMany().HasForeignKey(t => t.CommuneId);
        builder.HasOne<Village>().WithMany().HasForeignKey(t => t.VillageId);
    }
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> builder)
    {
        builder.HasKey(m => new { m.TeamId, m.UserId });
        builder.HasOne<Team>().WithMany(t => t.Members).HasForeignKey(m => m.TeamId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId);
    }
}

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> builder)
    {
        builder.Property(h => h.Code).HasMaxLength(30);
        builder.Property(h => h.HeadName).HasMaxLength(100);
        builder.Property(h => h.JoinCode).HasMaxLength(20);
        builder.Property(h => h.SearchText).HasMaxLength(2000);
        builder.HasOne<Village>().WithMany().HasForeignKey(h => h.VillageId);
        builder.HasIndex(h => new { h.VillageId, h.Code }).IsUnique();
        builder.HasIndex(h => h.JoinCode).IsUnique();
        // Holds only households whose search text is still to be filled, so the start-up backfill finds none at once
        // instead of reading every household (about 1 s at province size).
        builder.HasIndex(h => h.SearchText).HasFilter("\"SearchText\" = ''").HasDatabaseName("IX_Households_SearchText_Empty");
        builder.HasOne<AppUser>().WithMany().HasForeignKey(h => h.CreatedByUserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class HouseholdMemberConfiguration : IEntityTypeConfiguration<HouseholdMember>
{
    public void Configure(EntityTypeBuilder<HouseholdMember> builder)
    {
        builder.Property(m => m.FullName).HasMaxLength(100);
        builder.Property(m => m.Phone).HasMaxLength(20);
        builder.HasOne<Household>().WithMany(h => h.Members).HasForeignKey(m => m.HouseholdId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(m => m.UserId);
    }
}

internal sealed class LessonReadConfiguration : IEntityTypeConfiguration<LessonRead>
{
    public void Configure(EntityTypeBuilder<LessonRead> builder)
    {
        builder.HasKey(r => new { r.UserId, r.LessonId });
        builder.Property(r => r.LessonId).HasMaxLength(100);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId);
    }
}

internal sealed class QuizAttemptConfiguration : IEntityTypeConfiguration<QuizAttempt>
{
    public void Configure(EntityTypeBuilder<QuizAttempt> builder)
    {
        // The id comes from the client (idempotent submits), never from the database.
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.ModuleId).HasMaxLength(100);
        builder.Property(a => a.SkillId).HasMaxLength(100);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.AssistedByUserId).OnDelete(DeleteBehavior.SetNull);
        // A learner's attempts are read by learner again and again (progress, the earning rule, the figures' first
        // activity): the index carries every column those queries read, so they never fetch the attempts themselves
        // (each with its answer sheet, a learner's spread over as many pages as they have attempts).
        builder.HasIndex(a => new { a.UserId, a.ModuleId, a.Passed, a.SubmittedAt, a.AssistedByUserId })
            .HasDatabaseName("IX_QuizAttempts_ByLearner");
        // One draw grades one attempt, whichever server takes it (null for attempts from before draws had ids).
        builder.HasIndex(a => a.DrawId).IsUnique();
    }
}

internal sealed class TaskObservationConfiguration : IEntityTypeConfiguration<TaskObservation>
{
    public void Configure(EntityTypeBuilder<TaskObservation> builder)
    {
        builder.Property(o => o.TaskId).HasMaxLength(100);
        builder.Property(o => o.SkillId).HasMaxLength(100);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(o => o.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(o => o.ObservedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(o => o.TeamId).OnDelete(DeleteBehavior.SetNull);
        // One record per person and task: a repeat tick, even two at once, is stored once.
        builder.HasIndex(o => new { o.UserId, o.TaskId }).IsUnique();
        builder.HasIndex(o => o.ObservedByUserId);
    }
}

internal sealed class PracticeAttemptConfiguration : IEntityTypeConfiguration<PracticeAttempt>
{
    public void Configure(EntityTypeBuilder<PracticeAttempt> builder)
    {
        // The id comes from the client (idempotent submits), never from the database.
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.TaskId).HasMaxLength(100);
        builder.Property(a => a.ModuleId).HasMaxLength(100);
        builder.Property(a => a.SkillId).HasMaxLength(100);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.AssistedByUserId).OnDelete(DeleteBehavior.SetNull);
        // One draw token grades one attempt.
        builder.HasIndex(a => a.DrawId).IsUnique();
        // As for quiz attempts: the learner's passes are read from the index alone.
        builder.HasIndex(a => new { a.UserId, a.TaskId, a.Passed, a.SubmittedAt })
            .HasDatabaseName("IX_PracticeAttempts_ByLearner");
    }
}

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(12);
        builder.Property(c => c.HolderName).HasMaxLength(100);
        builder.Property(c => c.SkillId).HasMaxLength(100);
        builder.Property(c => c.Province).HasMaxLength(100);
        builder.Property(c => c.RevokedReason).HasMaxLength(500);
        builder.Property(c => c.ObservedBy).HasMaxLength(200);
        builder.HasIndex(c => c.Code).IsUnique();
        // One valid certificate per learner and skill; revoked ones stay beside it (a revoked skill can be earned again).
        builder.HasIndex(c => new { c.UserId, c.SkillId }).IsUnique().HasFilter("\"RevokedAt\" IS NULL");
        // A learner's certificates, revoked or not (the index above serves only queries for valid ones).
        builder.HasIndex(c => c.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId);
        builder.Ignore(c => c.IsRevoked);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<Audit.AuditEntry>
{
    public void Configure(EntityTypeBuilder<Audit.AuditEntry> builder)
    {
        builder.Property(a => a.Action).HasMaxLength(50);
        builder.Property(a => a.Subject).HasMaxLength(300);
        builder.HasIndex(a => a.At);
    }
}

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Households.Assignment>
{
    public void Configure(EntityTypeBuilder<Households.Assignment> builder)
    {
        builder.Property(a => a.SkillId).HasMaxLength(100);
        builder.Property(a => a.ModuleId).HasMaxLength(100);
        builder.Property(a => a.Note).HasMaxLength(300);
        builder.HasOne<Household>().WithMany().HasForeignKey(a => a.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<HouseholdMember>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.HouseholdId, a.DueOn });
        builder.HasIndex(a => new { a.DueOn, a.DoneAt });
    }
}

internal sealed class VillageFigureConfiguration : IEntityTypeConfiguration<Figures.VillageFigure>
{
    public void Configure(EntityTypeBuilder<Figures.VillageFigure> builder)
    {
        builder.HasKey(f => new { f.VillageId, f.Quarter, f.Metric });
        builder.Property(f => f.Metric).HasMaxLength(120);
        builder.HasOne<Village>().WithMany().HasForeignKey(f => f.VillageId);
    }
}

internal sealed class CommuneFigureConfiguration : IEntityTypeConfiguration<Figures.CommuneFigure>
{
    public void Configure(EntityTypeBuilder<Figures.CommuneFigure> builder)
    {
        builder.HasKey(f => new { f.CommuneId, f.Quarter, f.Metric });
        builder.Property(f => f.Metric).HasMaxLength(120);
        builder.HasOne<Commune>().WithMany().HasForeignKey(f => f.CommuneId);
    }
}

internal sealed class WorkerFigureConfiguration : IEntityTypeConfiguration<Figures.WorkerFigure>
{
    public void Configure(EntityTypeBuilder<Figures.WorkerFigure> builder)
    {
        builder.HasKey(f => new { f.CommuneId, f.UserId, f.Quarter, f.Metric });
        builder.Property(f => f.Metric).HasMaxLength(120);
        builder.HasOne<Commune>().WithMany().HasForeignKey(f => f.CommuneId);
        // No foreign key to the account on purpose: figures are derived data and must never make a learner's save fail.
        builder.HasIndex(f => f.UserId);
    }
}

internal sealed class CommuneFigureStateConfiguration : IEntityTypeConfiguration<Figures.CommuneFigureState>
{
    public void Configure(EntityTypeBuilder<Figures.CommuneFigureState> builder)
    {
        builder.HasKey(s => s.CommuneId);
        builder.HasOne<Commune>().WithMany().HasForeignKey(s => s.CommuneId);
    }
}

internal sealed class QuarterTargetConfiguration : IEntityTypeConfiguration<Figures.QuarterTarget>
{
    public void Configure(EntityTypeBuilder<Figures.QuarterTarget> builder)
    {
        builder.Property(t => t.SkillId).HasMaxLength(100);
        builder.HasOne<Commune>().WithMany().HasForeignKey(t => t.CommuneId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.Quarter, t.CommuneId, t.SkillId });
    }
}

internal sealed class CommuneReportNoteConfiguration : IEntityTypeConfiguration<Figures.CommuneReportNote>
{
    public void Configure(EntityTypeBuilder<Figures.CommuneReportNote> builder)
    {
        builder.HasKey(n => new { n.CommuneId, n.Quarter });
        builder.Property(n => n.Difficulties).HasMaxLength(4000);
        builder.HasOne<Commune>().WithMany().HasForeignKey(n => n.CommuneId);
    }
}

internal sealed class StoredSecretConfiguration : IEntityTypeConfiguration<StoredSecret>
{
    public void Configure(EntityTypeBuilder<StoredSecret> builder)
    {
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(100);
    }
}

internal sealed class ProvinceChannelConfiguration : IEntityTypeConfiguration<Channels.ProvinceChannel>
{
    public void Configure(EntityTypeBuilder<Channels.ProvinceChannel> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.FeedbackUrl).HasMaxLength(Channels.ChannelRules.MaxUrlLength);
        builder.Property(p => p.FeedbackText).HasMaxLength(Channels.ChannelRules.MaxTextLength);
    }
}
