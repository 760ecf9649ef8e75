using QRCoder;

namespace CdsLearn.Certificates;

public static class CertificateQr
{
    /// <summary>An SVG QR code (scales cleanly on screen and on A4 paper).</summary>
    public static string Svg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
