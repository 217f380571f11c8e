using LandInventory.Data.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace LandInventory.Importer.Mapping;

/// <summary>Checks that a geometry fits its column: the right type, valid (with the reason and place if not), not empty.</summary>
public static class Shapes
{
    public static TGeometry? As<TGeometry>(Geometry? geometry, string field, PropertyReader reader)
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

        var validity = new IsValidOp(typed).ValidationError;
        if (validity is not null)
        {
            reader.Problem(field, $"invalid geometry: {validity.Message} at ({validity.Coordinate.X}, {validity.Coordinate.Y})");
            return null;
        }

        typed.SRID = Geo.Srid;
        return typed;
    }
}
