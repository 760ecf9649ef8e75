using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CdsLearn.Certificates;

/// <summary>The fields a certificate's QR link carries, and that its signature covers. <paramref name="Basis"/> is what
/// it rests on (<see cref="CertificateBasis.Canonical"/>); null on certificates from before the rule, whose links and
/// signatures stay as they were printed (v1).</summary>
public sealed record CertificateClaims(string Code, string SkillId, DateOnly IssuedOn, string MaskedName, string? Basis = null)
{
    /// <summary>The fields as a compact URL-safe string for the link: skill, date, masked name (and basis).</summary>
    public string ToPayload() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\n',
            new[] { SkillId, IssuedOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture), MaskedName }.Concat(Basis is null ? [] : [Basis]))));

    public static CertificateClaims? FromPayload(string code, string? payload)
    {
        if (string.IsNullOrEmpty(payload) || payload.Length > 800)
        {
            return null;
        }
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(payload)).Split('\n');
            return parts.Length is 3 or 4 && DateOnly.TryParseExact(parts[1], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? new CertificateClaims(code, parts[0], date, parts[2], parts.Length == 4 ? parts[3] : null)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // Invariant culture: under a non-Gregorian current culture (th-TH, ar-SA…) the date would format differently and
    // every signature made elsewhere would fail; for Gregorian cultures the bytes are unchanged.
    internal byte[] CanonicalBytes() => Encoding.UTF8.GetBytes(Basis is null
        ? string.Create(CultureInfo.InvariantCulture, $"cdslearn-certificate-v1\n{Code}\n{SkillId}\n{IssuedOn:yyyy-MM-dd}\n{MaskedName}")
        : string.Create(CultureInfo.InvariantCulture, $"cdslearn-certificate-v2\n{Code}\n{SkillId}\n{IssuedOn:yyyy-MM-dd}\n{MaskedName}\n{Basis}"));
}

/// <summary>Signs and checks certificate claims with the platform's ECDSA P-256 key (pure: no I/O).</summary>
public sealed class CertificateSigner(ECDsa key)
{
    public string Sign(CertificateClaims claims) =>
        Base64Url.EncodeToString(key.SignData(claims.CanonicalBytes(), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    public bool Verify(CertificateClaims claims, string? signature)
    {
        if (string.IsNullOrEmpty(signature) || signature.Length > 200)
        {
            return false;
        }
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(signature);
        }
        catch (FormatException)
        {
            return false;
        }
        return key.VerifyData(claims.CanonicalBytes(), bytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}
