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

    /// <summary>What mistaken coordinates are tried as, parsed once: a bad file may ask for every feature.</summary>
    private static readonly CoordinateSystem[] Candidates =
        [.. new[] { "EPSG:4326", "EPSG:4544", "EPSG:4523", "EPSG:4496", "EPSG:4543", "EPSG:4522", "EPSG:3857" }.Select(CoordinateSystem.Parse)];

    /// <summary>
    /// Null when <paramref name="wgs84"/> lies in the zone; else where it fell and what the input looks like, with the
    /// system it would be in the zone in, when one is.
    /// </summary>
    public static (string Message, string? SuggestedCrs)? Check(Geometry wgs84, Coordinate raw, CoordinateSystem declared)
    {
        if (Zone.Contains(wgs84.EnvelopeInternal))
        {
            return null;
        }

        var (lon, lat) = declared.ToWgs84(raw.X, raw.Y);
        var message = string.Create(CultureInfo.InvariantCulture,
            $"({raw.X}, {raw.Y}) in {declared} falls at ({lon:F5}, {lat:F5}), outside the zone ({Zone.MinX}–{Zone.MaxX} E, {Zone.MinY}–{Zone.MaxY} N)");
        return Diagnose(raw.X, raw.Y, declared) is { } hint ? ($"{message}; {hint.Text}", hint.Crs) : (message, null);
    }

    private static (string Text, string? Crs)? Diagnose(double x, double y, CoordinateSystem declared)
    {
        if (Inside(declared, y, x))
        {
            return (declared.IsGeographic
                ? "longitude and latitude look swapped (lat, lon order): GeoJSON wants lon, lat"
                : "x and y look swapped (northing first, as survey tables list them): GeoJSON wants easting, northing", null);
        }

        var prefix = x >= 10_000_000 ? string.Create(CultureInfo.InvariantCulture, $" (the easting carries zone prefix {Math.Floor(x / 1_000_000)})") : "";
        foreach (var candidate in Candidates.Where(c => c.Name != declared.Name))
        {
            if (Inside(candidate, x, y))
            {
                return ($"they look like {candidate.Name}{prefix}", candidate.Name);
            }

            if (Inside(candidate, y, x))
            {
                return ($"they look like {candidate.Name} with x and y swapped", null);
            }
        }

        return null;
    }

    private static bool Inside(CoordinateSystem crs, double x, double y)
    {
        var (lon, lat) = crs.ToWgs84(x, y);
        return Zone.Contains(lon, lat);
    }
}
