using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CdsLearn.Accounts;

/// <summary>
/// A password attempt that failed, or is being checked (<see cref="SignInGuard"/> writes it first and removes it when
/// the password was right). Kept in the database so that every server counts the same failures; rows older than the
/// longest window are swept (<see cref="AccountsSweeper"/>).
/// </summary>
public class SignInFailure
{
    public long Id { get; set; }

    /// <summary>A hash of the normalized user name as typed, whether or not such an account exists (and so that a
    /// password typed into the name field is not stored as it was typed).</summary>
    public required string AccountKey { get; set; }

    /// <summary>Where it came from: <c>address:…</c>, or <c>phone:…</c> for a phone that has signed in to this account before.</summary>
    public required string ClientKey { get; set; }

    public bool FromKnownPhone { get; set; }

    public DateTime At { get; set; }
}

internal sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> builder)
    {
        builder.Property(f => f.AccountKey).HasMaxLength(64);
        builder.Property(f => f.ClientKey).HasMaxLength(80);
        builder.HasIndex(f => new { f.AccountKey, f.At });
        builder.HasIndex(f => f.At);
    }
}
