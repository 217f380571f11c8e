using System.Globalization;
using LandInventory.Data.Spatial;
using NetTopologySuite.Geometries;

namespace LandInventory.GisApi.Ogc;

/// <summary>
/// The parameters of an items request, checked: <c>bbox</c> (four numbers, in <c>bbox-crs</c>, default CRS84),
/// <c>limit</c> (default <see cref="DefaultLimit"/>, at most <see cref="MaxLimit"/>), <c>offset</c>, <c>crs</c> of the
/// answer. Anything else is refused, as OGC API – Features requires, so that a misspelt filter never silently returns
/// everything.
/// </summary>
public sealed record ItemsQuery(Polygon? Bbox, int Limit, int Offset, OgcCrs Crs)
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 1000;
    public const int MaxOffset = 10_000_000;

    private static readonly HashSet<string> Known = ["bbox", "bbox-crs", "crs", "limit", "offset", "f"];

    /// <summary>The query, or the reason it is refused (one message naming the parameter).</summary>
    public static (ItemsQuery? Query, string? Error) Parse(IQueryCollection query)
    {
        if (query.Keys.FirstOrDefault(k => !Known.Contains(k)) is { } unknown)
        {
            return (null, $"unknown query parameter '{unknown}': this endpoint takes {string.Join(", ", Known.Order())}");
        }

        if (query.TryGetValue("f", out var f) && f.ToString() is not ("json" or "geojson"))
        {
            return (null, $"f: '{f}' is not offered; use f=json (GeoJSON)");
        }

        var (crs, crsError) = ParseCrs(query, "crs");
        var (bboxCrs, bboxCrsError) = ParseCrs(query, "bbox-crs");
        var (limit, limitError) = Whole(query, "limit", DefaultLimit, 1, MaxLimit);
        var (offset, offsetError) = Whole(query, "offset", 0, 0, MaxOffset);
        var (bbox, bboxError) = bboxCrs is null ? (null, null) : Box(query, bboxCrs);
        var error = crsError ?? bboxCrsError ?? limitError ?? offsetError ?? bboxError;
        return error is null ? (new ItemsQuery(bbox, limit, offset, crs!), null) : (null, error);
    }

    /// <summary>The system named by a <c>crs</c>-like parameter; CRS84 when absent.</summary>
    public static (OgcCrs? Crs, string? Error) ParseCrs(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var text))
        {
            return (OgcCrs.Crs84, null);
        }

        return OgcCrs.Find(text.ToString()) is { } crs
            ? (crs, null)
            : (null, $"{name}: '{text}' is not offered; use one of {string.Join(", ", OgcCrs.All.Select(c => c.Uri))}");
    }

    private static (int Value, string? Error) Whole(IQueryCollection query, string name, int fallback, int min, int max)
    {
        if (!query.TryGetValue(name, out var text))
        {
            return (fallback, null);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? (value, null)
            : (0, $"{name}: '{text}' must be a whole number from {min} to {max}");
    }

    private static (Polygon? Box, string? Error) Box(IQueryCollection query, OgcCrs crs)
    {
        if (!query.TryGetValue("bbox", out var text))
        {
            return (null, null);
        }

        var parts = text.ToString().Split(',');
        var numbers = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : double.NaN).ToArray();
        if (parts.Length != 4 || numbers.Any(n => !double.IsFinite(n)))
        {
            return (null, $"bbox: '{text}' must be four numbers: minLon,minLat,maxLon,maxLat (CRS84, or in the axis order of bbox-crs)");
        }

        if (numbers[0] > numbers[2] || numbers[1] > numbers[3])
        {
            return (null, $"bbox: '{text}' has a minimum above its maximum");
        }

        if (crs.System.IsGeographic)
        {
            var (minLon, minLat, maxLon, maxLat) = crs.NorthFirst
                ? (numbers[1], numbers[0], numbers[3], numbers[2])
                : (numbers[0], numbers[1], numbers[2], numbers[3]);
            if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90)
            {
                return (null, $"bbox: '{text}' lies outside longitude -180..180 / latitude -90..90");
            }
        }

        return crs.IsStorage
            ? ((Polygon)Geo.Factory.ToGeometry(new Envelope(numbers[0], numbers[2], numbers[1], numbers[3])), null)
            : (crs.ToStorage(numbers[0], numbers[1], numbers[2], numbers[3]), null);
    }
}
