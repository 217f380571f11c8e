using System.Text.Json;
using LandInventory.Data;
using NetTopologySuite.Geometries;

namespace LandInventory.GisApi.Ogc;

/// <summary>A queryable's JSON Schema: its type, format or enumeration values, as CQL2 literals must give them.</summary>
public static class QueryableSchema
{
    public static void Write(Utf8JsonWriter w, Type type)
    {
        var core = Nullable.GetUnderlyingType(type) ?? type;
        if (typeof(Geometry).IsAssignableFrom(core))
        {
            w.WriteString("format", core == typeof(Point) ? "geometry-point" : "geometry-multipolygon");
            return;
        }

        if (core.IsEnum)
        {
            w.WriteString("type", "string");
            Values(w, core);
            return;
        }

        if (core.IsGenericType && core.GetGenericArguments()[0] is { IsEnum: true } element)
        {
            w.WriteString("type", "array");
            w.WriteStartObject("items");
            w.WriteString("type", "string");
            Values(w, element);
            w.WriteEndObject();
            return;
        }

        var (jsonType, format) = core switch
        {
            _ when core == typeof(decimal) || core == typeof(double) => ("number", null),
            _ when core == typeof(int) || core == typeof(long) => ("integer", null),
            _ when core == typeof(DateOnly) => ("string", "date"),
            _ when core == typeof(DateTimeOffset) => ("string", "date-time"),
            _ => ("string", (string?)null),
        };
        w.WriteString("type", jsonType);
        if (format is not null)
        {
            w.WriteString("format", format);
        }
    }

    private static void Values(Utf8JsonWriter w, Type enumType)
    {
        w.WriteStartArray("enum");
        foreach (var name in EnumNames.All(enumType))
        {
            w.WriteStringValue(name);
        }

        w.WriteEndArray();
    }
}
