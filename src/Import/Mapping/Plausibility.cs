using System.Globalization;
using LandInventory.Data.Spatial;
using NetTopologySuite.Geometries;

namespace LandInventory.Import.Mapping;

/// <summary>
/// Coordinates that, once transformed, fall outside the zone are almost always one of a few planner mistakes: x and y
/// swapped (survey tables list northing first), a zone-prefixed easting declared without prefix, lat/lon order, or the
/// wrong system altogether. This finds the extent breach and says which mistake the coordinates look like.
/// </summary>
public static class Plausibility
{
    /// <summary>Longquanyi District (104.15–104.50 E, 30.45–30.75 N, estimated) with about 5 km to spare.</summary>
    public static readonly Envelope Zone = new(104.10, 104.55, 30.40, 30.80);

    /// <summary>
    /// Chengdu and the region around it, for what lies beyond the zone but matters to it (the airports, the railway port):
    /// a wider extent, where a mistaken system still falls far outside.
    /// </summary>
    public static readonly Envelope Region = new(103.40, 105.00, 30.00, 31.50);

    /// <summary>What mistaken coordinates are tried as, parsed once: a bad file may ask for every feature.</summary>
    private static readonly CoordinateSystem[] Candidates =
        [.. new[] { "EPSG:4326", "EPSG:4544", "EPSG:4523", "EPSG:4496", "EPSG:4543", "EPSG:4522", "EPSG:3857" }.Select(CoordinateSystem.Parse)];

    /// <summary>
    /// Null when <paramref name="wgs84"/> lies in <paramref name="extent"/> (the zone, or the region); else where it fell and what the input looks like, with the
    /// system it would be in the zone in, when one is.
    /// </summary>
    public static (string Message, string? SuggestedCrs)? Check(Geometry wgs84, Coordinate raw, CoordinateSystem declared, Envelope extent)
    {
        if (extent.Contains(wgs84.EnvelopeInternal))
        {
            return null;
        }

        var (lon, lat) = declared.ToWgs84(raw.X, raw.Y);
        var where = extent == Zone ? "the zone" : "the region";
        var message = string.Create(CultureInfo.InvariantCulture,
            $"({raw.X}, {raw.Y}) in {declared} falls at ({lon:F5}, {lat:F5}), outside {where} ({extent.MinX}–{extent.MaxX} E, {extent.MinY}–{extent.MaxY} N)");
        return Diagnose(raw.X, raw.Y, declared, extent) is { } hint ? ($"{message}; {hint.Text}", hint.Crs) : (message, null);
    }

    private static (string Text, string? Crs)? Diagnose(double x, double y, CoordinateSystem declared, Envelope extent)
    {
        if (Inside(declared, y, x, extent))
        {
            return (declared.IsGeographic
                ? "longitude and latitude look swapped (lat, lon order): GeoJSON wants lon, lat"
                : "x and y look swapped (northing first, as survey tables list them): GeoJSON wants easting, northing", null);
        }

        var prefix = x >= 10_000_000 ? string.Create(CultureInfo.InvariantCulture, $" (the easting carries zone prefix {Math.Floor(x / 1_000_000)})") : "";
        foreach (var candidate in Candidates.Where(c => c.Name != declared.Name))
        {
            if (Inside(candidate, x, y, extent))
            {
                return ($"they look like {candidate.Name}{prefix}", candidate.Name);
            }

            if (Inside(candidate, y, x, extent))
            {
                return ($"they look like {candidate.Name} with x and y swapped", null);
            }
        }

        return null;
    }

    private static bool Inside(CoordinateSystem crs, double x, double y, Envelope extent)
    {
        var (lon, lat) = crs.ToWgs84(x, y);
        return extent.Contains(lon, lat);
    }
}
