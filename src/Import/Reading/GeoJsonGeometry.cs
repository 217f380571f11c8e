using System.Text.Json;
using LandInventory.Data.Spatial;
using NetTopologySuite.Geometries;

namespace LandInventory.Import.Reading;

/// <summary>
/// Reads an RFC 7946 geometry straight from the parsed JSON into NetTopologySuite, without re-parsing its text (about
/// a third of the importer's time went there). Positions are [x, y]; a third value (elevation) is refused rather than
/// dropped, since the layers are two-dimensional. Malformed geometry throws <see cref="FormatException"/>.
/// </summary>
public static class GeoJsonGeometry
{
    public static Geometry Read(JsonElement geometry)
    {
        if (geometry.ValueKind != JsonValueKind.Object || !geometry.TryGetProperty("type", out var type)
            || type.ValueKind != JsonValueKind.String)
        {
            throw new FormatException("a geometry must be an object with a 'type'");
        }

        var kind = type.GetString();
        if (kind == "GeometryCollection")
        {
            var members = Member(geometry, "geometries");
            return Geo.Factory.CreateGeometryCollection([.. members.EnumerateArray().Select(Read)]);
        }

        var coordinates = Member(geometry, "coordinates");
        return kind switch
        {
            "Point" => Geo.Factory.CreatePoint(Position(coordinates)),
            "MultiPoint" => Geo.Factory.CreateMultiPoint([.. Each(coordinates, p => Geo.Factory.CreatePoint(Position(p)))]),
            "LineString" => Geo.Factory.CreateLineString(Positions(coordinates)),
            "MultiLineString" => Geo.Factory.CreateMultiLineString([.. Each(coordinates, l => Geo.Factory.CreateLineString(Positions(l)))]),
            "Polygon" => Polygon(coordinates),
            "MultiPolygon" => Geo.Factory.CreateMultiPolygon([.. Each(coordinates, Polygon)]),
            _ => throw new FormatException($"unknown geometry type \"{kind}\""),
        };
    }

    private static Polygon Polygon(JsonElement rings)
    {
        var all = Each(rings, r => Geo.Factory.CreateLinearRing(Positions(r)));
        return all.Length == 0
            ? throw new FormatException("a polygon needs at least its outer ring")
            : Geo.Factory.CreatePolygon(all[0], all[1..]);
    }

    private static T[] Each<T>(JsonElement array, Func<JsonElement, T> read)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"expected an array, found {array.ValueKind}");
        }

        var result = new T[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            result[i++] = read(item);
        }

        return result;
    }

    private static Coordinate[] Positions(JsonElement array) => Each(array, Position);

    private static Coordinate Position(JsonElement position)
    {
        if (position.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"a position must be an array [x, y], found {position.ValueKind}");
        }

        var length = position.GetArrayLength();
        var text = $"[{string.Join(", ", position.EnumerateArray().Select(v => v.GetRawText()))}]";
        if (length != 2)
        {
            throw new FormatException(length > 2
                ? $"positions must be [x, y]; {text} has {length} values (elevation is not stored: remove it)"
                : $"a position needs x and y, found {text}");
        }

        if (!position[0].TryGetDouble(out var x) || !position[1].TryGetDouble(out var y)
            || !double.IsFinite(x) || !double.IsFinite(y))
        {
            throw new FormatException($"a position must hold two numbers, found {text}");
        }

        return new Coordinate(x, y);
    }

    private static JsonElement Member(JsonElement geometry, string name) =>
        geometry.TryGetProperty(name, out var value)
            ? value
            : throw new FormatException($"a {geometry.GetProperty("type").GetString()} needs '{name}'");
}
