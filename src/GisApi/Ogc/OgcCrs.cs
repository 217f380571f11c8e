using LandInventory.Data.Spatial;
using NetTopologySuite.Geometries;

namespace LandInventory.GisApi.Ogc;

/// <summary>
/// The coordinate systems the OGC API serves (Part 2, <c>crs</c> and <c>bbox-crs</c>), each with the axis order its
/// definition states: CRS84 and Web Mercator x/y (east first); EPSG:4326 and EPSG:4490 latitude first; EPSG:4544, the
/// planners' Gauss-Krüger grid, northing first. <c>gcj02</c> and <c>bd09</c> are our extension for AMap and Baidu base
/// maps (longitude first); storage stays WGS84.
/// </summary>
public sealed record OgcCrs(string Uri, CoordinateSystem System, bool NorthFirst)
{
    public const string Crs84Uri = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    public static OgcCrs Crs84 { get; } = new(Crs84Uri, CoordinateSystem.Wgs84, false);

    public static IReadOnlyList<OgcCrs> All { get; } =
    [
        Crs84,
        new("http://www.opengis.net/def/crs/EPSG/0/4326", CoordinateSystem.Wgs84, true),
        new("http://www.opengis.net/def/crs/EPSG/0/4490", CoordinateSystem.Parse("EPSG:4490"), true),
        new("http://www.opengis.net/def/crs/EPSG/0/3857", CoordinateSystem.WebMercator, false),
        new("http://www.opengis.net/def/crs/EPSG/0/4544", CoordinateSystem.Parse("EPSG:4544"), true),
        new("gcj02", CoordinateSystem.Gcj02, false),
        new("bd09", CoordinateSystem.Bd09, false),
    ];

    public static OgcCrs? Find(string uri) =>
        All.FirstOrDefault(c => string.Equals(c.Uri, uri.Trim(), StringComparison.OrdinalIgnoreCase));

    public bool IsStorage => ReferenceEquals(this, Crs84);

    /// <summary>The system as GDAL names it (<c>EPSG:4490</c>), for a file written in it; null for one EPSG does not know (GCJ-02, BD-09).</summary>
    public string? Srs => IsStorage ? "EPSG:4326"
        : Uri.Contains("/EPSG/0/", StringComparison.Ordinal) ? $"EPSG:{Uri[(Uri.LastIndexOf('/') + 1)..]}" : null;

    /// <summary>A geometry from storage into this system, east (or longitude) first whatever the system's own order: as files hold it.</summary>
    public Geometry FromStorageEastFirst(Geometry geometry) => IsStorage ? geometry : System.FromWgs84(geometry);

    /// <summary>A stored (WGS84 lon/lat) geometry in this system and axis order.</summary>
    public Geometry FromStorage(Geometry geometry)
    {
        if (IsStorage)
        {
            return geometry;
        }

        var converted = System.FromWgs84(geometry);
        return NorthFirst ? Swapped(converted) : converted;
    }

    /// <summary>A rectangle given in this system as a stored-system polygon, its edges followed point by point.</summary>
    public Polygon ToStorage(double min1, double min2, double max1, double max2)
    {
        var (minX, minY, maxX, maxY) = NorthFirst ? (min2, min1, max2, max1) : (min1, min2, max1, max2);
        const int steps = 16; // a projected rectangle's edges are curves in lon/lat
        (double X, double Y)[] corners = [(minX, minY), (maxX, minY), (maxX, maxY), (minX, maxY)];
        var ring = new List<Coordinate>();
        for (var edge = 0; edge < corners.Length; edge++)
        {
            var (from, to) = (corners[edge], corners[(edge + 1) % corners.Length]);
            for (var i = 0; i < steps; i++)
            {
                ring.Add(Point(from.X + ((to.X - from.X) * i / steps), from.Y + ((to.Y - from.Y) * i / steps)));
            }
        }

        ring.Add(ring[0]);
        return Geo.Factory.CreatePolygon([.. ring]);
    }

    private Coordinate Point(double x, double y)
    {
        var (lon, lat) = System.ToWgs84(x, y);
        return new Coordinate(lon, lat);
    }

    private static Geometry Swapped(Geometry geometry)
    {
        geometry.Apply(new SwapAxes());
        return geometry;
    }

    private sealed class SwapAxes : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var x = seq.GetX(i);
            seq.SetX(i, seq.GetY(i));
            seq.SetY(i, x);
        }
    }
}
