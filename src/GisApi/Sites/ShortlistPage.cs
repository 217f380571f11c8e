using SkiaSharp;

namespace LandInventory.GisApi.Sites;

/// <summary>
/// The first page of a shortlist's brochure: up to three sites side by side, every figure of fields.json with its unit
/// (a figure another layer does not have is "—"), and, when the shortlist came from a search, how each site meets
/// each requirement (√ met, ≈ near miss, × not met, ? not stated) in the search's words.
/// </summary>
public static class ShortlistPage
{
    public const int MaxSites = 3;

    public static void Draw(SKCanvas canvas, IReadOnlyList<SiteSheet> sites, IReadOnlyDictionary<string, IReadOnlyList<(string Mark, string Text)>>? fits,
        string? requirements, string lang)
    {
        string W(string zh, string en) => lang == "zh" ? zh : en;
        using var inks = new SiteBrochure.Inks();
        var (ink, muted, rule) = (inks.Text, inks.Muted, inks.Rule);
        using var title = new SKFont(SiteMap.Typeface, 18) { Embolden = true };
        using var heading = new SKFont(SiteMap.Typeface, 9.5f) { Embolden = true };
        using var body = new SKFont(SiteMap.Typeface, 8f);
        var (left, right) = (SiteBrochure.Margin, SiteBrochure.Width - SiteBrochure.Margin);
        var y = SiteBrochure.Margin + 16;
        canvas.DrawText(W("候选清单", "Shortlist"), left, y, SKTextAlign.Left, title, ink);
        y += 14;
        if (requirements is not null)
        {
            foreach (var line in SiteBrochure.Wrap(W($"项目需求：{requirements}", $"Requirements: {requirements}"), body, right - left))
            {
                canvas.DrawText(line, left, y, SKTextAlign.Left, body, muted);
                y += 10;
            }
        }

        const float labels = 120;
        var column = (right - left - labels) / Math.Max(sites.Count, 1);
        float X(int i) => left + labels + i * column;
        y += 10;
        var rows = new List<(string Label, string?[] Values, bool Strong)>
        {
            (W("名称", "Name"), sites.Select(s => s.Name(lang)).ToArray(), true),
        };
        if (fits is not null)
        {
            var count = fits.Values.Select(f => f.Count).DefaultIfEmpty(1).Max();
            for (var k = 0; k < count; k++)
            {
                rows.Add(("", sites.Select(s => fits.TryGetValue($"{s.Layer}/{s.Code}", out var f) && k < f.Count ? $"{f[k].Mark} {f[k].Text}" : k == 0 ? W("不满足全部必须条件", "does not meet every must") : null).ToArray(), false));
            }
        }

        var keys = sites.SelectMany(s => SiteFields.Of(s.Layer)).DistinctBy(f => f.Key).ToList();
        rows.AddRange(keys.Select(f => (f.Label.In(lang), sites.Select(s => (string?)(SiteFields.Of(s.Layer).Any(x => x.Key == f.Key)
            ? s.Write(f, lang) : "—")).ToArray(), false)));
        foreach (var (label, values, strong) in rows)
        {
            if (y > SiteBrochure.Height - SiteBrochure.Margin - 20)
            {
                break;
            }

            var wrapped = values.Select(v => SiteBrochure.Wrap(v ?? "", strong ? heading : body, column - 8).ToList()).ToList();
            var height = Math.Max(1, wrapped.Max(w => w.Count)) * 10f;
            canvas.DrawText(label, left, y, SKTextAlign.Left, body, muted);
            for (var i = 0; i < wrapped.Count; i++)
            {
                for (var l = 0; l < wrapped[i].Count; l++)
                {
                    canvas.DrawText(wrapped[i][l], X(i), y + l * 10, SKTextAlign.Left, strong ? heading : body, ink);
                }
            }

            canvas.DrawLine(left, y + height - 7, right, y + height - 7, rule);
            y += height + 3;
        }
    }
}
