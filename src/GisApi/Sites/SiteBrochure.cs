using System.Globalization;
using LandInventory.GisApi.Words;
using SkiaSharp;

namespace LandInventory.GisApi.Sites;

/// <summary>
/// A site's brochure: one A4 page, zh or en, drawn by Skia's PDF backend with the fonts embedded (subsets of Debian's
/// WenQuanYi Zen Hei, decision 0020): the name, the map of its surroundings (vectors), every figure with its unit, the nearest places, the
/// bureau and contact, a QR code of its page, stamped with the figures' date and the day they were verified.
/// </summary>
public static class SiteBrochure
{
    public const float Width = 595, Height = 842, Margin = 40;

    public static byte[] Pdf(SiteSheet site, SiteLinks links, string lang) =>
        Document(site.Name(lang), lang, [canvas => Draw(canvas, site, links, lang)]);

    /// <summary>A shortlist: the comparison first (with each site's fit to the search, when it came from one), then each site's page.</summary>
    public static byte[] Shortlist(IReadOnlyList<(SiteSheet Site, SiteLinks Links)> sites, IReadOnlyDictionary<string, IReadOnlyList<(string Mark, string Text)>>? fits,
        string? requirements, string lang) =>
        Document(lang == "zh" ? "候选清单" : "Shortlist", lang,
            [canvas => ShortlistPage.Draw(canvas, sites.Select(s => s.Site).ToList(), fits, requirements, lang),
             .. sites.Select(s => (Action<SKCanvas>)(canvas => Draw(canvas, s.Site, s.Links, lang)))]);

    private static byte[] Document(string title, string lang, IEnumerable<Action<SKCanvas>> pages)
    {
        using var stream = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = title, Author = lang == "zh" ? "成都经开区" : "Chengdu ETDZ", Creator = "LandInventory",
            Producer = "LandInventory (Skia)", Creation = DateTime.UtcNow, Modified = DateTime.UtcNow, RasterDpi = 150,
        };
        using (var document = SKDocument.CreatePdf(stream, metadata))
        {
            foreach (var page in pages)
            {
                page(document.BeginPage(Width, Height));
                document.EndPage();
            }

            document.Close();
        }

        return stream.ToArray();
    }

    private static void Draw(SKCanvas canvas, SiteSheet site, SiteLinks links, string lang)
    {
        string W(string zh, string en) => lang == "zh" ? zh : en;
        using var inks = new SiteBrochure.Inks();
        var (ink, muted, rule) = (inks.Text, inks.Muted, inks.Rule);
        using var title = new SKFont(SiteMap.Typeface, 19) { Embolden = true };
        using var heading = new SKFont(SiteMap.Typeface, 11) { Embolden = true };
        using var body = new SKFont(SiteMap.Typeface, 8.6f);
        using var small = new SKFont(SiteMap.Typeface, 7.5f);

        var y = Margin + 18;
        canvas.DrawText(site.Name(lang), Margin, y, SKTextAlign.Left, title, ink);
        y += 15;
        canvas.DrawText(site.Name(lang == "zh" ? "en" : "zh"), Margin, y, SKTextAlign.Left, body, muted);
        y += 13;
        canvas.DrawText(site.Headline(lang), Margin, y, SKTextAlign.Left, body, ink);
        y += 8;
        var map = new SKRect(Margin, y, Width - Margin, y + (Width - 2 * Margin) * SiteMap.PreviewHeight / SiteMap.PreviewWidth);
        SiteMap.Draw(canvas, map, site, lang, caption: false);
        y = map.Bottom + 20;

        // Left: every figure. Right: the nearest places, the bureau, the QR code.
        var (left, split, right) = (Margin, Margin + 310, Width - Margin);
        canvas.DrawText(W("基本情况", "Figures"), left, y, SKTextAlign.Left, heading, ink);
        canvas.DrawText(W("最近的设施", "Nearest places"), split + 15, y, SKTextAlign.Left, heading, ink);
        var rows = y + 14;
        foreach (var field in SiteFields.Of(site.Layer))
        {
            canvas.DrawText(field.Label.In(lang), left, rows, SKTextAlign.Left, body, muted);
            var lines = Wrap(site.Write(field, lang), body, split - left - 120);
            foreach (var line in lines)
            {
                canvas.DrawText(line, left + 118, rows, SKTextAlign.Left, body, ink);
                rows += 11.5f;
            }

            canvas.DrawLine(left, rows - 8, split, rows - 8, rule);
        }

        var side = y + 14;
        foreach (var place in site.Near)
        {
            canvas.DrawText($"{ValueWords.Of(place.Kind).In(lang)} · {SitePage.Distance(place.DistanceM, lang)}", split + 15, side, SKTextAlign.Left, body, muted);
            side += 10.5f;
            foreach (var line in Wrap(lang == "zh" ? place.NameZh : place.NameEn, body, right - split - 15))
            {
                canvas.DrawText(line, split + 15, side, SKTextAlign.Left, body, ink);
                side += 10.5f;
            }

            side += 3;
        }

        side += 8;
        canvas.DrawText(W("联系", "Contact"), split + 15, side, SKTextAlign.Left, heading, ink);
        side += 13;
        foreach (var line in new[] { lang == "zh" ? site.Bureau.NameZh : site.Bureau.NameEn, site.Text("contactName"), site.Text("contactPhone") }
                     .Where(t => !string.IsNullOrWhiteSpace(t)).SelectMany(t => Wrap(t!, body, right - split - 15)))
        {
            canvas.DrawText(line, split + 15, side, SKTextAlign.Left, body, ink);
            side += 11;
        }

        DrawCode(canvas, links.Page(lang), new SKRect(right - 86, side + 6, right, side + 92));

        var footer = W($"数据截至 {SitePage.AsOf(site)} · 核实日期 {site.Text("verifiedOn") ?? "—"} · 示意数据，以主管部门公布为准",
            $"Figures as of {SitePage.AsOf(site)} · verified on {site.Text("verifiedOn") ?? "—"} · illustrative; the bureau's published figures prevail");
        canvas.DrawLine(Margin, Height - Margin - 14, Width - Margin, Height - Margin - 14, rule);
        canvas.DrawText(footer, Margin, Height - Margin, SKTextAlign.Left, small, muted);
        canvas.DrawText(links.Page(lang), Margin, Height - Margin + 10, SKTextAlign.Left, small, muted);
    }

    private static void DrawCode(SKCanvas canvas, string url, SKRect box)
    {
        var modules = SiteCode.Modules(url);
        var size = box.Width / modules.Length;
        using var dark = new SKPaint { Color = SKColors.Black };
        for (var row = 0; row < modules.Length; row++)
        {
            for (var column = 0; column < modules[row].Length; column++)
            {
                if (modules[row][column])
                {
                    canvas.DrawRect(box.Left + column * size, box.Top + row * size, size, size, dark);
                }
            }
        }
    }

    /// <summary>Lines no wider than the width: at spaces for words, anywhere for Chinese.</summary>
    public static IEnumerable<string> Wrap(string text, SKFont font, float width)
    {
        var line = "";
        foreach (var piece in Pieces(text))
        {
            if (line.Length > 0 && font.MeasureText(line + piece) > width)
            {
                yield return line.TrimEnd();
                line = piece.TrimStart();
            }
            else
            {
                line += piece;
            }
        }

        if (line.Length > 0)
        {
            yield return line;
        }
    }

    private static IEnumerable<string> Pieces(string text)
    {
        var word = "";
        foreach (var c in text)
        {
            if (c > 0x2E80)
            {
                if (word.Length > 0)
                {
                    yield return word;
                    word = "";
                }

                yield return c.ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                word += c;
                if (c == ' ')
                {
                    yield return word;
                    word = "";
                }
            }
        }

        if (word.Length > 0)
        {
            yield return word;
        }
    }

    /// <summary>The documents' inks — text, secondary text, rules — one set for a page (the brochure's and the shortlist's).</summary>
    internal sealed class Inks : IDisposable
    {
        public SKPaint Text { get; } = new() { Color = SKColor.Parse("#1f2a33"), IsAntialias = true };

        public SKPaint Muted { get; } = new() { Color = SKColor.Parse("#5c6b77"), IsAntialias = true };

        public SKPaint Rule { get; } = new() { Color = SKColor.Parse("#d8dde2"), StrokeWidth = 0.6f };

        public void Dispose()
        {
            Text.Dispose();
            Muted.Dispose();
            Rule.Dispose();
        }
    }
}
