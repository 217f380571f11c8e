using LandInventory.Data.Spatial;
using NetTopologySuite.Geometries;

namespace LandInventory.Import.Mapping;

/// <summary>
/// Checks that a geometry fits its column and brings it into stored WGS84: the right type, not empty, inside the layer's
/// extent (the zone; the places investors ask about lie across the region) once transformed (or which mistake it looks
/// like), and valid (with the reason and place if not).
/// </summary>
public static class Shapes
{
    public static TGeometry? As<TGeometry>(Geometry? geometry, string field, PropertyReader reader, CoordinateSystem crs, Envelope extent)
        where TGeometry : Geometry
    {
        // A Polygon is the one-part case of a MultiPolygon: widening it changes no coordinate.
        if (typeof(TGeometry) == typeof(MultiPolygon) && geometry is Polygon polygon)
        {
            geometry = Geo.Factory.CreateMultiPolygon([polygon]);
        }

        if (geometry is not TGeometry typed)
        {
            reader.Problem(field, $"must be a {typeof(TGeometry).Name}, got {geometry?.GeometryType ?? "nothing"}");
            return null;
        }

        if (typed.IsEmpty)
        {
            reader.Problem(field, "is empty");
            return null;
        }

        var stored = (TGeometry)crs.ToWgs84(typed);
        if (Plausibility.Check(stored, typed.Coordinate, crs, extent) is { } outside)
        {
            reader.Problem(field, outside.Message, outside.SuggestedCrs);
            return null;
        }

        if (Geo.InvalidityAt(stored) is { } invalid)
        {
            reader.Problem(field, $"invalid geometry: {invalid.Message}", at: [invalid.At.X, invalid.At.Y]);
            return null;
        }

        return stored;
    }
}
