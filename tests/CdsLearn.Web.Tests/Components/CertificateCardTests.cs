using System.Globalization;
using Bunit;
using CdsLearn.Certificates;
using CdsLearn.Web.Components;

namespace CdsLearn.Web.Tests.Components;

public class CertificateCardTests : BunitContext
{
    private const string QrSvg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 29 29\"><rect class=\"dark\" x=\"0\" y=\"0\" width=\"7\" height=\"7\"/></svg>";

    private const string VerifyUrl = "https://hoc.example.vn/verify";

    private static Certificate Certificate(DateTime? revokedAt = null) => new()
    {
        Code = "7KQ2-M9XD",
        UserId = "u1",
        HolderName = "Nguyễn Thị Bình",
        SkillId = "bao-mat",
        Province = "Lào Cai",
        IssuedAt = new DateTime(2026, 3, 5, 9, 30, 0, DateTimeKind.Utc),
        RevokedAt = revokedAt,
        RevokedReason = revokedAt is null ? null : "Gian lận khi làm bài",
    };

    private IRenderedComponent<CertificateCard> Card(Certificate certificate) =>
        Render<CertificateCard>(p => p
            .Add(c => c.Certificate, certificate)
            .Add(c => c.SkillTitle, "Bảo mật tài khoản")
            .Add(c => c.QrSvg, QrSvg)
            .Add(c => c.VerifyUrl, VerifyUrl));

    [Fact]
    public void ShowsTheHolderTheSkillTheDateAndTheCode()
    {
        var card = Card(Certificate());

        Assert.Equal("Nguyễn Thị Bình", card.Find(".holder").TextContent);
        Assert.Equal("Bảo mật tài khoản", card.Find(".skill").TextContent);
        Assert.Equal("Ngày cấp: 05/03/2026", card.Find(".date").TextContent);
        Assert.Equal("7KQ2-M9XD", card.Find(".code strong").TextContent);
        Assert.Contains("Tỉnh Lào Cai", card.Find(".issuer").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void InsertsTheQrCodeAsAnImageNotAsText()
    {
        var card = Card(Certificate());

        var svg = card.Find(".qr svg");
        Assert.Equal("0 0 29 29", svg.GetAttribute("viewBox"));
        Assert.NotNull(svg.QuerySelector("rect.dark"));
        Assert.DoesNotContain("&lt;svg", card.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void TellsWhereTheCodeCanBeTypedIn()
    {
        var card = Card(Certificate());

        Assert.Contains(VerifyUrl, card.Find(".verify-hint").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AValidCertificateSaysNothingOfRevocation()
    {
        var card = Card(Certificate());

        Assert.DoesNotContain("thu hồi", card.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("revoked", card.Find(".certificate").ClassList);
    }

    [Fact]
    public void ARevokedCertificateSaysSo()
    {
        var card = Card(Certificate(revokedAt: new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc)));

        Assert.Contains("revoked", card.Find(".certificate").ClassList);
        Assert.Equal("Chứng chỉ đã bị thu hồi", card.Find(".badge.bad").TextContent);
        // Still readable: the holder and the code stay, so a verifier can look it up.
        Assert.Equal("7KQ2-M9XD", card.Find(".code strong").TextContent);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("th-TH")]
    public void TheDateIsDdMmYyyyWhateverTheServerCulture(string culture)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var card = Card(Certificate());

            Assert.Equal("Ngày cấp: 05/03/2026", card.Find(".date").TextContent);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
