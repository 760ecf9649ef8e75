using CdsLearn.Accounts;
using CdsLearn.Households;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CdsLearn.Voices;

internal sealed class VoiceRecordingConfiguration : IEntityTypeConfiguration<VoiceRecording>
{
    public void Configure(EntityTypeBuilder<VoiceRecording> builder)
    {
        builder.Property(r => r.ItemId).HasMaxLength(100);
        builder.Property(r => r.SectionKey).HasMaxLength(80);
        builder.Property(r => r.SectionHash).HasMaxLength(16);
        builder.Property(r => r.Language).HasMaxLength(20);
        builder.Property(r => r.FileHash).HasMaxLength(64);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Container).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.ReviewNote).HasMaxLength(VoiceReview.MaxNoteLength);
        builder.Ignore(r => r.FileName);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.RecorderId);
        builder.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId);
        // One reading per person, section and language: reading it again replaces the file.
        builder.HasIndex(r => new { r.ItemId, r.SectionKey, r.Language, r.RecorderId }).IsUnique();
        builder.HasIndex(r => new { r.CommuneId, r.Status });
        builder.HasIndex(r => r.FileHash);
    }
}

internal sealed class VoiceConsentConfiguration : IEntityTypeConfiguration<VoiceConsent>
{
    public void Configure(EntityTypeBuilder<VoiceConsent> builder)
    {
        builder.Property(c => c.SpeakerName).HasMaxLength(100);
        builder.Property(c => c.ConsentText).HasMaxLength(1000);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId);
        // The consent in force: one per person (the same SQL on SQLite and PostgreSQL). Withdrawn ones are history.
        builder.HasIndex(c => c.UserId).IsUnique().HasFilter("\"WithdrawnAt\" IS NULL").HasDatabaseName("IX_VoiceConsents_InForce");
        builder.HasIndex(c => new { c.UserId, c.GivenAt });
    }
}

internal sealed class VoiceUploadConfiguration : IEntityTypeConfiguration<VoiceUpload>
{
    public void Configure(EntityTypeBuilder<VoiceUpload> builder)
    {
        builder.Property(u => u.Id).HasMaxLength(32);
        builder.Property(u => u.ClientId).HasMaxLength(64);
        builder.Property(u => u.ItemId).HasMaxLength(100);
        builder.Property(u => u.SectionKey).HasMaxLength(80);
        builder.Property(u => u.Language).HasMaxLength(20);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(u => u.UserId);
        builder.HasOne<Team>().WithMany().HasForeignKey(u => u.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(u => new { u.UserId, u.ClientId }).IsUnique();
        builder.HasIndex(u => u.CreatedAt);
    }
}
