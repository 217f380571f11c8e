using System.Globalization;
using System.Text.RegularExpressions;
using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace LandInventory.Data.Spatial;

/// <summary>
/// A coordinate system that data comes in or goes out in, with its conversion to and from stored WGS84 lon/lat.
/// Coordinates are always x = easting/longitude, y = northing/latitude (GIS order, as GeoJSON has it), whatever axis
/// order the EPSG definition states. CGCS2000 is taken as WGS84 (they differ by millimetres here; PROJ has no
/// transformation between them either).
/// </summary>
public sealed partial class CoordinateSystem
{
    // Declared first: static fields initialise in order, and the systems below use it.
    /// <summary>The one no-op conversion: geographic systems taken as WGS84 share it, and converting with it copies only.</summary>
    private static readonly Func<double, double, (double, double)> Identity = (x, y) => (x, y);

    private readonly Func<double, double, (double, double)> _toWgs84;
    private readonly Func<double, double, (double, double)> _fromWgs84;

    private CoordinateSystem(string name, bool isGeographic, Func<double, double, (double, double)> toWgs84,
        Func<double, double, (double, double)> fromWgs84)
    {
        Name = name;
        IsGeographic = isGeographic;
        _toWgs84 = toWgs84;
        _fromWgs84 = fromWgs84;
    }

    public string Name { get; }

    /// <summary>Degrees (lon/lat) rather than metres.</summary>
    public bool IsGeographic { get; }

    public static CoordinateSystem Wgs84 { get; } = new("EPSG:4326", true, Identity, Identity);

    /// <summary>CGCS2000 lon/lat, taken as WGS84 (see above).</summary>
    public static CoordinateSystem Cgcs2000 { get; } = new("EPSG:4490", true, Identity, Identity);

    public static CoordinateSystem Gcj02 { get; } = new("GCJ-02", true,
        (x, y) => ChineseMapOffsets.Gcj02ToWgs84(x, y), (x, y) => ChineseMapOffsets.Wgs84ToGcj02(x, y));

    public static CoordinateSystem Bd09 { get; } = new("BD-09", true,
        (x, y) => ChineseMapOffsets.Bd09ToWgs84(x, y), (x, y) => ChineseMapOffsets.Wgs84ToBd09(x, y));

    /// <summary>
    /// Web Mercator, by its spherical formulas: ProjNet reads the EPSG WKT's "Mercator_1SP" on the WGS84 ellipsoid as the
    /// ellipsoidal Mercator, which is 20 km off here.
    /// </summary>
    public static CoordinateSystem WebMercator { get; } = new("EPSG:3857", false,
        (x, y) => (x / EarthRadius * 180 / Math.PI, (2 * Math.Atan(Math.Exp(y / EarthRadius)) - (Math.PI / 2)) * 180 / Math.PI),
        (lon, lat) => (EarthRadius * lon * Math.PI / 180, EarthRadius * Math.Log(Math.Tan((Math.PI / 4) + (lat * Math.PI / 360)))));

    private const double EarthRadius = 6378137.0;


    /// <summary>The EPSG codes known without a database, for messages and help.</summary>
    public static IEnumerable<int> KnownEpsgCodes => KnownCrs.Wkt.Keys.Order();

    /// <summary>
    /// From a name: <c>EPSG:4544</c>, <c>urn:ogc:def:crs:EPSG::4544</c>, <c>http://www.opengis.net/def/crs/EPSG/0/4544</c>,
    /// <c>CRS84</c>, <c>gcj02</c>, <c>bd09</c>, or WKT1 (ESRI's <c>Gauss_Kruger</c> included).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown or unsupported, with what is supported.</exception>
    public static CoordinateSystem Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith("PROJCS[", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("GEOGCS[", StringComparison.OrdinalIgnoreCase))
        {
            return FromWkt(trimmed, WktName(trimmed));
        }

        var lower = trimmed.ToLowerInvariant();
        if (lower is "gcj02" or "gcj-02")
        {
            return Gcj02;
        }

        if (lower is "bd09" or "bd-09")
        {
            return Bd09;
        }

        if (lower.EndsWith("crs84", StringComparison.Ordinal))
        {
            return Wgs84;
        }

        var match = EpsgCode().Match(trimmed);
        if (!match.Success)
        {
            throw new ArgumentException($"\"{text}\" is not a coordinate system name we read. {Supported}");
        }

        var code = int.Parse(match.Groups["code"].Value, CultureInfo.InvariantCulture);
        return code switch
        {
            3857 => WebMercator,
            Geo.Srid => Wgs84,
            4490 => Cgcs2000,
            _ => KnownCrs.Wkt.TryGetValue(code, out var wkt)
                ? FromWkt(wkt, $"EPSG:{code}")
                : throw new ArgumentException($"EPSG:{code} is not supported. {Supported}"),
        };
    }

    /// <summary>A projected system from WKT1; projected to its own geographic system, which is taken as WGS84.</summary>
    public static CoordinateSystem FromWkt(string wkt, string name)
    {
        // ESRI names the Transverse Mercator projection "Gauss_Kruger"; ProjNet knows only the standard name.
        var standard = GaussKruger().Replace(wkt, "PROJECTION[\"Transverse_Mercator\"]");
        ProjNet.CoordinateSystems.CoordinateSystem parsed;
        try
        {
            parsed = new CoordinateSystemFactory().CreateFromWkt(standard);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or FormatException or InvalidOperationException)
        {
            throw new ArgumentException($"the WKT of {name} could not be read: {e.Message}", e);
        }

        if (parsed is GeographicCoordinateSystem)
        {
            return new CoordinateSystem(name, true, Identity, Identity);
        }

        if (parsed is not ProjectedCoordinateSystem projected)
        {
            throw new ArgumentException($"{name} is neither a geographic nor a projected coordinate system");
        }

        var factory = new CoordinateTransformationFactory();
        var inverse = factory.CreateFromCoordinateSystems(projected, projected.GeographicCoordinateSystem).MathTransform;
        var forward = factory.CreateFromCoordinateSystems(projected.GeographicCoordinateSystem, projected).MathTransform;
        return new CoordinateSystem(name, false, inverse.Transform, forward.Transform);
    }

    public (double Lon, double Lat) ToWgs84(double x, double y) => _toWgs84(x, y);

    public (double X, double Y) FromWgs84(double lon, double lat) => _fromWgs84(lon, lat);

    /// <summary>A copy of <paramref name="geometry"/> in stored WGS84 (SRID 4326).</summary>
    public Geometry ToWgs84(Geometry geometry) => Convert(geometry, _toWgs84, Geo.Srid);

    /// <summary>A copy of <paramref name="geometry"/> (WGS84) in this system; its SRID is left 0 unless it is EPSG.</summary>
    public Geometry FromWgs84(Geometry geometry) => Convert(geometry, _fromWgs84,
        Name.StartsWith("EPSG:", StringComparison.Ordinal) ? int.Parse(Name[5..], CultureInfo.InvariantCulture) : 0);

    public override string ToString() => Name;

    private static Geometry Convert(Geometry geometry, Func<double, double, (double, double)> transform, int srid)
    {
        var copy = geometry.Copy();
        if (transform != Identity)
        {
            copy.Apply(new CoordinateFilter(transform));
        }

        copy.SRID = srid;
        return copy;
    }

    private static string Supported =>
        $"Supported: EPSG:{string.Join(", EPSG:", KnownEpsgCodes)}, CRS84, gcj02, bd09, or the WKT of a projected system (a .prj file).";

    private static string WktName(string wkt) =>
        WktTitle().Match(wkt) is { Success: true } m ? m.Groups["name"].Value : "the given WKT";

    [GeneratedRegex(@"^(?:EPSG:|urn:ogc:def:crs:EPSG:[^:]*:|https?://www\.opengis\.net/def/crs/EPSG/[^/]+/)(?<code>\d{4,6})$",
        RegexOptions.IgnoreCase)]
    private static partial Regex EpsgCode();

    [GeneratedRegex(@"PROJECTION\[\s*""Gauss_Kruger""\s*\]", RegexOptions.IgnoreCase)]
    private static partial Regex GaussKruger();

    [GeneratedRegex(@"^\w+\[\s*""(?<name>[^""]*)""")]
    private static partial Regex WktTitle();

    private sealed class CoordinateFilter(Func<double, double, (double, double)> transform) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (x, y) = transform(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}
