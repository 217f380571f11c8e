using QRCoder;

namespace LandInventory.GisApi.Sites;

/// <summary>A QR code of a site's page (QRCoder; error correction M): as SVG for the page, as modules for the brochure.</summary>
public static class SiteCode
{
    public static string Svg(string url)
    {
        using var data = Data(url);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(4);
    }

    /// <summary>The dark modules, row by row, with the quiet zone.</summary>
    public static bool[][] Modules(string url)
    {
        using var data = Data(url);
        return data.ModuleMatrix.Select(row => Enumerable.Range(0, row.Length).Select(i => row[i]).ToArray()).ToArray();
    }

    private static QRCodeData Data(string url)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
    }
}
