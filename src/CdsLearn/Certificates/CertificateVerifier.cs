using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Certificates;

public enum VerificationStatus
{
    /// <summary>Issued by this platform and not revoked.</summary>
    Genuine,
    Revoked,
    /// <summary>No such certificate, or a link whose signature does not match its fields.</summary>
    Unknown,
}

public sealed record Verification(VerificationStatus Status, Certificate? Certificate, bool LinkWasTampered = false)
{
    public string? MaskedName => Certificate is null ? null : NameMasker.Mask(Certificate.HolderName);
}

public sealed class CertificateVerifier(AppDbContext db, CertificateSigner signer)
{
    /// <summary>A scanned QR link: the signature is checked first, so an altered or made-up link never reaches the database.</summary>
    public async Task<Verification> VerifyLinkAsync(string code, string? payload, string? signature, CancellationToken cancellationToken = default)
    {
        var claims = CertificateClaims.FromPayload(code, payload);
        if (claims is null || !signer.Verify(claims, signature))
        {
            return new Verification(VerificationStatus.Unknown, null, LinkWasTampered: true);
        }
        var verification = await VerifyCodeAsync(code, cancellationToken);
        // A signed link names what the certificate rests on; one that says otherwise than the record was not made by
        // this platform for it (an old v1 link of a new certificate, or the reverse).
        return verification.Certificate is { } certificate && (certificate.Basis.Canonical != claims.Basis || certificate.SkillId != claims.SkillId)
            ? new Verification(VerificationStatus.Unknown, null, LinkWasTampered: true)
            : verification;
    }

    /// <summary>A code typed by hand: looked up in the database.</summary>
    public async Task<Verification> VerifyCodeAsync(string typedCode, CancellationToken cancellationToken = default)
    {
        var certificate = await FindAsync(typedCode, cancellationToken);
        return certificate switch
        {
            null => new Verification(VerificationStatus.Unknown, null),
            { IsRevoked: true } => new Verification(VerificationStatus.Revoked, certificate),
            _ => new Verification(VerificationStatus.Genuine, certificate),
        };
    }

    /// <summary>The certificate with this code, however it was typed (lower case, without the dash); null if none.</summary>
    public async Task<Certificate?> FindAsync(string? typedCode, CancellationToken cancellationToken = default)
    {
        var code = CertificateCode.Normalize(typedCode);
        return code is null ? null : await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.Code == code, cancellationToken);
    }

    public CertificateClaims ClaimsOf(Certificate certificate) =>
        new(certificate.Code, certificate.SkillId, certificate.IssuedOn, NameMasker.Mask(certificate.HolderName), certificate.Basis.Canonical);

    /// <summary>The site-relative link its QR opens: /verify/{code}?d={fields}&amp;s={signature}.</summary>
    public string LinkFor(Certificate certificate)
    {
        var claims = ClaimsOf(certificate);
        return $"/verify/{certificate.Code}?d={claims.ToPayload()}&s={signer.Sign(claims)}";
    }
}
