using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CdsLearn.Certificates;

namespace CdsLearn.Tests.Certificates;

public sealed class CertificateSignerTests : IDisposable
{
    private static readonly CertificateClaims Claims = new("7KQ2-M9XD", "an-toan-mang", new DateOnly(2026, 11, 23), "Nguyễn V. A.");

    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    [Fact]
    public void VerifiesWhatItSigned()
    {
        var signer = new CertificateSigner(key);

        Assert.True(signer.Verify(Claims, signer.Sign(Claims)));
    }

    [Fact]
    public void AConfiguredKeyWrittenOnOneLineOfAnEnvFileLoads()
    {
        // The deployment's env file holds one line per setting: the PEM's line breaks become spaces.
        var oneLine = key.ExportECPrivateKeyPem().ReplaceLineEndings(" ");
        var options = new CertificateOptions { SigningKeyPem = oneLine };

        using var loaded = CertificatesServiceCollectionExtensions.LoadOrCreateKey(options, new Data.DataFolder(Path.GetTempPath()), null!, TimeProvider.System, () => throw new InvalidOperationException("a configured key needs no key-encryption key"));

        Assert.True(new CertificateSigner(key).Verify(Claims, new CertificateSigner(loaded).Sign(Claims)));
    }

    [Fact]
    public void VerifiesWithOnlyThePublicKey()
    {
        var signature = new CertificateSigner(key).Sign(Claims);
        using var publicKey = ECDsa.Create(key.ExportParameters(includePrivateParameters: false));

        Assert.True(new CertificateSigner(publicKey).Verify(Claims, signature));
    }

    [Fact]
    public void TheSignatureFitsInAQrLink()
    {
        var signature = new CertificateSigner(key).Sign(Claims);

        Assert.Equal(86, signature.Length); // 64 bytes of r and s in base64url, no padding
        Assert.Matches("^[A-Za-z0-9_-]+$", signature);
    }

    [Fact]
    public void RejectsALinkWhoseCodeWasAltered() => AssertRejected(Claims with { Code = "7KQ2-M9XE" });

    [Fact]
    public void RejectsALinkWhoseSkillWasAltered() => AssertRejected(Claims with { SkillId = "cong-dan-so" });

    [Fact]
    public void RejectsALinkWhoseDateWasAltered() => AssertRejected(Claims with { IssuedOn = Claims.IssuedOn.AddDays(-1) });

    [Fact]
    public void RejectsALinkWhoseNameWasAltered() => AssertRejected(Claims with { MaskedName = "Nguyễn V. B." });

    [Fact]
    public void RejectsASignatureMadeWithAnotherKey()
    {
        var forged = new CertificateSigner(otherKey).Sign(Claims);

        Assert.False(new CertificateSigner(key).Verify(Claims, forged));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("!!!!")]
    [InlineData("a b c d")]
    [InlineData("AAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void RejectsGarbageSignaturesWithoutThrowing(string? signature)
    {
        Assert.False(new CertificateSigner(key).Verify(Claims, signature));
    }

    [Fact]
    public void RejectsAnOverlongSignatureWithoutThrowing()
    {
        Assert.False(new CertificateSigner(key).Verify(Claims, new string('A', 10_000)));
    }

    [Fact]
    public void RejectsAGenuineSignatureWithBytesFlipped()
    {
        var bytes = Base64Url.DecodeFromChars(new CertificateSigner(key).Sign(Claims));
        bytes[10] ^= 0x01;

        Assert.False(new CertificateSigner(key).Verify(Claims, Base64Url.EncodeToString(bytes)));
    }

    [Fact]
    public void ASignatureDoesNotDependOnTheServersCulture()
    {
        var signer = new CertificateSigner(key);
        string signature;
        var culture = CultureInfo.CurrentCulture;
        try
        {
            // Thai uses the Buddhist calendar: 2026 is 2569 there.
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("th-TH");
            signature = signer.Sign(Claims);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            Assert.True(signer.Verify(Claims, signature));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void ThePayloadCarriesTheClaims()
    {
        var payload = Claims.ToPayload();

        Assert.Matches("^[A-Za-z0-9_-]+$", payload);
        Assert.Equal(Claims, CertificateClaims.FromPayload(Claims.Code, payload));
    }

    [Fact]
    public void ThePayloadRoundTripsVietnameseNames()
    {
        var claims = Claims with { MaskedName = "Đặng Ư. Ờ." };

        Assert.Equal(claims, CertificateClaims.FromPayload(claims.Code, claims.ToPayload()));
    }

    [Fact]
    public void ASignedPayloadVerifiesAfterTheRoundTrip()
    {
        var signer = new CertificateSigner(key);
        var signature = signer.Sign(Claims);

        var scanned = CertificateClaims.FromPayload(Claims.Code, Claims.ToPayload());

        Assert.NotNull(scanned);
        Assert.True(signer.Verify(scanned, signature));
    }

    [Fact]
    public void APayloadScannedWithAnotherCodeDoesNotVerify()
    {
        var signer = new CertificateSigner(key);
        var signature = signer.Sign(Claims);

        var scanned = CertificateClaims.FromPayload("2222-2222", Claims.ToPayload());

        Assert.NotNull(scanned);
        Assert.False(signer.Verify(scanned, signature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("%%%")]
    [InlineData("a")]
    [InlineData("!!!!not base64!!!!")]
    public void RejectsGarbagePayloadsWithoutThrowing(string? payload)
    {
        Assert.Null(CertificateClaims.FromPayload(Claims.Code, payload));
    }

    [Theory]
    [InlineData("an-toan-mang\n20261123")]
    [InlineData("an-toan-mang\n20261123\nNguyễn V. A.\n7||\nthừa")]
    [InlineData("an-toan-mang\n2026-11-23\nNguyễn V. A.")]
    [InlineData("an-toan-mang\n20261323\nNguyễn V. A.")]
    [InlineData("an-toan-mang\n\nNguyễn V. A.")]
    public void RejectsPayloadsThatDoNotHoldTheThreeOrFourFields(string text)
    {
        Assert.Null(CertificateClaims.FromPayload(Claims.Code, Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text))));
    }

    [Fact]
    public void RejectsAnOverlongPayload()
    {
        var claims = Claims with { MaskedName = new string('A', 700) };

        Assert.Null(CertificateClaims.FromPayload(claims.Code, claims.ToPayload()));
    }

    [Fact]
    public void WhatACertificateRestsOnIsSignedWithItAndTravelsInTheLink()
    {
        var signer = new CertificateSigner(key);
        var basis = new CertificateBasis(Evidence.All, "Tổ công nghệ số cộng đồng bản Nà Si", new DateOnly(2026, 12, 1)).Canonical;
        var claims = Claims with { Basis = basis };
        var signature = signer.Sign(claims);

        Assert.True(signer.Verify(claims, signature));
        Assert.Equal(claims, CertificateClaims.FromPayload(claims.Code, claims.ToPayload()));
        // Claiming more than it rests on, another team or date, or dropping the basis: the signature no longer holds.
        Assert.False(signer.Verify(claims with { Basis = new CertificateBasis(Evidence.Quizzes, null, null).Canonical }, signature));
        Assert.False(signer.Verify(claims with { Basis = basis!.Replace("Nà Si", "Nà Ngần") }, signature));
        Assert.False(signer.Verify(claims with { Basis = null }, signature));
        Assert.False(signer.Verify(claims, signer.Sign(claims with { Basis = null })));
    }

    public void Dispose()
    {
        key.Dispose();
        otherKey.Dispose();
    }

    private void AssertRejected(CertificateClaims altered)
    {
        var signer = new CertificateSigner(key);
        var signature = signer.Sign(Claims);

        Assert.False(signer.Verify(altered, signature));
        Assert.False(signer.Verify(altered, signer.Sign(Claims)));
        Assert.True(signer.Verify(Claims, signature));
    }
}
