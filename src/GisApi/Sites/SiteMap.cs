using NetTopologySuite.Geometries;
using SkiaSharp;

namespace LandInventory.GisApi.Sites;

/// <summary>
/// The map of a site and its surroundings, drawn on the server with Skia: the areas, the layer's other sites, the places
/// near it by name, the site itself, a scale bar. The same drawing goes into the PNG (link previews, the page) and,
/// as vectors, into the brochure. Web Mercator, like the investor map; no base map (the server fetches nothing).
/// </summary>
public static class SiteMap
{
    public const int PreviewWidth = 1200;
    public const int PreviewHeight = 630;

    private static readonly int[] BarLengths = [100, 200, 500, 1000, 2000, 5000, 10000, 20000];

    private static readonly Dictionary<string, SKColor> PlaceColours = new()
    {
        ["metroStation"] = SKColor.Parse("#c0392b"), ["expresswayEntrance"] = SKColor.Parse("#2c3e50"), ["airport"] = SKColor.Parse("#8e44ad"),
        ["railwayFreight"] = SKColor.Parse("#7f5539"), ["railwayStation"] = SKColor.Parse("#7f5539"), ["hospital"] = SKColor.Parse("#16a085"),
    };

    /// <summary>
    /// The font with Chinese and Latin glyphs: Debian's WenQuanYi Zen Hei, whose TrueType outlines Skia embeds in a PDF as
    /// a font subset whose text reads back exactly (Noto Sans CJK's CFF outlines become Type 3 glyphs whose text reads
    /// back as look-alike radicals: ⼆ for 二); else Noto Sans CJK, else whatever has 中.
    /// </summary>
    public static SKTypeface Typeface { get; } = new[] { "WenQuanYi Zen Hei", "Noto Sans CJK SC" }
        .Select(name => SKTypeface.FromFamilyName(name)).FirstOrDefault(t => t.FamilyName is "WenQuanYi Zen Hei" or "Noto Sans CJK SC")
        ?? SKFontManager.Default.MatchCharacter('中') ?? SKTypeface.Default;

    public static byte[] Png(SiteSheet site, string lang)
    {
        using var surface = SKSurface.Create(new SKImageInfo(PreviewWidth, PreviewHeight));
        Draw(surface.Canvas, new SKRect(0, 0, PreviewWidth, PreviewHeight), site, lang, caption: true);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 90);
        return data.ToArray();
    }

    /// <summary>
    /// Draws into <paramref name="target"/> as into a 1200 × 630 image scaled to fit (so labels keep their proportion in a
    /// brochure); <paramref name="caption"/>: the site's name in the corner, for an image seen alone.
    /// </summary>
    public static void Draw(SKCanvas canvas, SKRect target, SiteSheet site, string lang, bool caption)
    {
        var around = site.Around;
        var box = new SKRect(0, 0, PreviewWidth, PreviewHeight);
        var project = Projection(around.Frame, box);
        canvas.Save();
        canvas.Translate(target.Left, target.Top);
        canvas.Scale(target.Width / PreviewWidth, target.Height / PreviewHeight);
        canvas.ClipRect(box);
        using (var background = new SKPaint { Color = SKColor.Parse("#f3f1ec") })
        {
            canvas.DrawRect(box, background);
        }

        using var areaFill = new SKPaint { Color = SKColor.Parse("#5b8db8").WithAlpha(24), IsAntialias = true };
        using var areaLine = new SKPaint
        {
            Color = SKColor.Parse("#5b8db8"), Style = SKPaintStyle.Stroke, StrokeWidth = 2, IsAntialias = true,
            PathEffect = SKPathEffect.CreateDash([9, 6], 0),
        };
        foreach (var area in around.Areas)
        {
            using var path = PathOf(area, project);
            canvas.DrawPath(path, areaFill);
            canvas.DrawPath(path, areaLine);
        }

        using var neighbour = new SKPaint { Color = SKColor.Parse("#9aa5b1").WithAlpha(110), IsAntialias = true };
        foreach (var other in around.Neighbours)
        {
            DrawShape(canvas, other, project, neighbour, null, 5);
        }

        using var siteFill = new SKPaint { Color = SKColor.Parse("#1d4ed8").WithAlpha(120), IsAntialias = true };
        using var siteLine = new SKPaint { Color = SKColor.Parse("#1d4ed8"), Style = SKPaintStyle.Stroke, StrokeWidth = 3, IsAntialias = true };
        DrawShape(canvas, site.Geometry, project, siteFill, siteLine, 11);

        using var font = new SKFont(Typeface, 17);
        using var ink = new SKPaint { Color = SKColor.Parse("#1f2a33"), IsAntialias = true };
        using var halo = new SKPaint { Color = SKColors.White.WithAlpha(220), IsAntialias = true };
        foreach (var place in around.Places)
        {
            var at = project(place.Location.Coordinate);
            using var dot = new SKPaint { Color = PlaceColours.GetValueOrDefault(place.Kind, SKColor.Parse("#2980b9")), IsAntialias = true };
            canvas.DrawCircle(at, 6, halo);
            canvas.DrawCircle(at, 4.5f, dot);
            Label(canvas, place.Name.In(lang), new SKPoint(at.X + 9, at.Y + 5), font, ink, halo);
        }

        if (caption)
        {
            using var title = new SKFont(Typeface, 24) { Embolden = true };
            Label(canvas, site.Name(lang), new SKPoint(box.Left + 18, box.Top + 36), title, ink, halo);
        }

        ScaleBar(canvas, box, around.Frame, font, ink, halo);
        using var small = new SKFont(Typeface, 14);
        var note = lang == "zh" ? "示意数据 · 成都经开区" : "Illustrative data · Chengdu ETDZ";
        Label(canvas, note, new SKPoint(box.Right - small.MeasureText(note) - 14, box.Bottom - 12), small, ink, halo);
        canvas.Restore();
    }

    /// <summary>WGS84 → the box, in Web Mercator, the frame fitted inside the box without distortion.</summary>
    private static Func<Coordinate, SKPoint> Projection(Envelope frame, SKRect box)
    {
        var (x0, x1, y0, y1) = (frame.MinX, frame.MaxX, MercatorY(frame.MinY), MercatorY(frame.MaxY));
        var scale = Math.Min(box.Width / (x1 - x0), box.Height / (y1 - y0));
        var (cx, cy) = ((x0 + x1) / 2, (y0 + y1) / 2);
        return c => new SKPoint((float)(box.MidX + (c.X - cx) * scale), (float)(box.MidY - (MercatorY(c.Y) - cy) * scale));
    }

    private static void DrawShape(SKCanvas canvas, Geometry shape, Func<Coordinate, SKPoint> project, SKPaint fill, SKPaint? line, float radius)
    {
        if (shape is Point point)
        {
            var at = project(point.Coordinate);
            canvas.DrawCircle(at, radius, fill);
            if (line is not null)
            {
                canvas.DrawCircle(at, radius, line);
            }

            return;
        }

        using var path = PathOf(shape, project);
        canvas.DrawPath(path, fill);
        if (line is not null)
        {
            canvas.DrawPath(path, line);
        }
    }

    private static SKPath PathOf(Geometry shape, Func<Coordinate, SKPoint> project)
    {
        var path = new SKPath { FillType = SKPathFillType.EvenOdd };
        for (var i = 0; i < shape.NumGeometries; i++)
        {
            if (shape.GetGeometryN(i) is not Polygon polygon)
            {
                continue;
            }

            foreach (var ring in new[] { polygon.ExteriorRing }.Concat(polygon.InteriorRings))
            {
                path.AddPoly(ring.Coordinates.Select(project).ToArray(), close: true);
            }
        }

        return path;
    }

    /// <summary>A bar of a round length about a fifth of the box wide, at the frame's middle latitude (on the sphere).</summary>
    private static void ScaleBar(SKCanvas canvas, SKRect box, Envelope frame, SKFont font, SKPaint ink, SKPaint halo)
    {
        var middle = (frame.MinY + frame.MaxY) / 2;
        var pixelsPerDegree = Math.Min(box.Width / frame.Width, box.Height / (MercatorY(frame.MaxY) - MercatorY(frame.MinY)));
        var metresPerPixel = 111_320 * Math.Cos(middle * Math.PI / 180) / pixelsPerDegree;
        var target = metresPerPixel * box.Width / 5;
        var length = BarLengths.LastOrDefault(l => l <= target, 100);
        var pixels = (float)(length / metresPerPixel);
        var (left, bottom) = (box.Left + 18, box.Bottom - 20);
        using var bar = new SKPaint { Color = SKColor.Parse("#1f2a33"), StrokeWidth = 3 };
        canvas.DrawLine(left, bottom, left + pixels, bottom, bar);
        canvas.DrawLine(left, bottom - 6, left, bottom, bar);
        canvas.DrawLine(left + pixels, bottom - 6, left + pixels, bottom, bar);
        Label(canvas, length >= 1000 ? $"{length / 1000} km" : $"{length} m", new SKPoint(left, bottom - 10), font, ink, halo);
    }

    private static double MercatorY(double lat) => Math.Log(Math.Tan(Math.PI / 4 + lat * Math.PI / 360)) * 180 / Math.PI;

    private static void Label(SKCanvas canvas, string text, SKPoint at, SKFont font, SKPaint ink, SKPaint halo)
    {
        var width = font.MeasureText(text);
        canvas.DrawRoundRect(new SKRect(at.X - 3, at.Y - font.Size, at.X + width + 3, at.Y + font.Size * 0.3f), 3, 3, halo);
        canvas.DrawText(text, at.X, at.Y, SKTextAlign.Left, font, ink);
    }
}
