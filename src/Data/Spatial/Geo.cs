using System.Globalization;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace LandInventory.Data.Spatial;

/// <summary>
/// The one place that fixes how geometry is stored: WGS84 lon/lat (EPSG:4326), as RFC 7946 GeoJSON has it.
/// CGCS2000 (EPSG:4490) differs by millimetres here and is treated as the same (../shared/geo.md §2).
/// </summary>
public static class Geo
{
    public const int Srid = 4326;

    public const string MultiPolygonColumn = "geometry(MultiPolygon,4326)";

    public const string PointColumn = "geometry(Point,4326)";

    /// <summary>A column that holds any layer's geometry (the feature history).</summary>
    public const string AnyGeometryColumn = "geometry(Geometry,4326)";

    /// <summary>Floating precision: coordinates are kept as given, not snapped to a grid.</summary>
    public static GeometryFactory Factory { get; } =
        NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(), Srid);

    /// <summary>Why a geometry is invalid and where (<c>Self-intersection at (x, y)</c>), or null when it is valid.</summary>
    public static string? Invalidity(Geometry geometry) => InvalidityAt(geometry)?.Message;

    /// <summary>Why a geometry is invalid, with the place (<see cref="Invalidity"/>), and that place as a coordinate.</summary>
    public static (string Message, Coordinate At)? InvalidityAt(Geometry geometry) =>
        new IsValidOp(geometry).ValidationError is { } error
            ? (string.Create(CultureInfo.InvariantCulture, $"{error.Message} at ({error.Coordinate.X}, {error.Coordinate.Y})"), error.Coordinate)
            : null;
}
