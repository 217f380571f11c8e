using System.Globalization;
using System.Text.Json;
using LandInventory.Data;
using LandInventory.Data.Spatial;
using LandInventory.Import.Reading;
using NetTopologySuite.Geometries;

namespace LandInventory.Import.Mapping;

/// <summary>
/// Reads a feature's properties field by field and collects every problem instead of stopping at the first, so that
/// one run tells a planner all that is wrong. Properties that no field reads are reported too: a misspelt name must not
/// be dropped silently.
/// </summary>
public sealed class PropertyReader
{
    private readonly RawFeature _feature;
    private readonly ProblemLog _problems;
    private readonly CoordinateSystem _crs;
    private readonly HashSet<string> _read = [];

    public PropertyReader(RawFeature feature, ProblemLog problems, CoordinateSystem crs)
    {
        _feature = feature;
        _problems = problems;
        _crs = crs;
        if (feature.Properties.ValueKind != JsonValueKind.Object)
        {
            Problem("properties", "missing: a feature needs a 'properties' object");
        }

        Code = feature.Properties.ValueKind == JsonValueKind.Object
               && feature.Properties.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String
            ? c.GetString()
            : null;
    }

    /// <summary>The feature's code when it has one, to name it in messages.</summary>
    public string? Code { get; }

    public void Problem(string field, string message, string? suggestedCrs = null, double[]? at = null) =>
        _problems.Add(new ImportProblem(_feature.File, _feature.Index, Code, field, message, suggestedCrs, at));

    public string? Text(string name, bool required, int maxLength)
    {
        if (Get(name, required, JsonValueKind.String, "text") is not { } value)
        {
            return null;
        }

        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text) || text.Trim() != text || text.Length > maxLength)
        {
            Problem(name, $"must be 1 to {maxLength} characters without leading or trailing blanks, got \"{text}\"");
        }

        return text;
    }

    public decimal? Number(string name, bool required, decimal min = 0, decimal max = decimal.MaxValue)
    {
        if (Get(name, required, JsonValueKind.Number, "number") is not { } value)
        {
            return null;
        }

        if (!value.TryGetDecimal(out var number) || number < min || number > max)
        {
            Problem(name, $"must be a number from {min.ToString(CultureInfo.InvariantCulture)} to "
                          + $"{(max == decimal.MaxValue ? "any" : max.ToString(CultureInfo.InvariantCulture))}, got {value}");
            return null;
        }

        return number;
    }

    public int? WholeNumber(string name, bool required, int min, int max)
    {
        if (Get(name, required, JsonValueKind.Number, "whole number") is not { } value)
        {
            return null;
        }

        if (!value.TryGetInt32(out var number) || number < min || number > max)
        {
            Problem(name, $"must be a whole number from {min} to {max}, got {value}");
            return null;
        }

        return number;
    }

    public DateOnly? Date(string name, bool required)
    {
        if (Get(name, required, JsonValueKind.String, "date") is not { } value)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var date))
        {
            Problem(name, $"must be a date as yyyy-mm-dd, got \"{value.GetString()}\"");
            return null;
        }

        return date;
    }

    public T? Enum<T>(string name, bool required)
        where T : struct, Enum
    {
        if (Get(name, required, JsonValueKind.String, "text") is not { } value)
        {
            return null;
        }

        return ParseEnum<T>(name, value.GetString()!);
    }

    public List<T> EnumList<T>(string name)
        where T : struct, Enum
    {
        var result = new List<T>();
        if (Get(name, required: true, JsonValueKind.Array, "array") is not { } array)
        {
            return result;
        }

        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && ParseEnum<T>(name, item.GetString()!) is { } parsed)
            {
                if (result.Contains(parsed))
                {
                    Problem(name, $"lists \"{item.GetString()}\" twice");
                }

                result.Add(parsed);
            }
            else if (item.ValueKind != JsonValueKind.String)
            {
                Problem(name, $"must hold text values, got {item}");
            }
        }

        if (array.GetArrayLength() == 0)
        {
            Problem(name, "must name at least one value");
        }

        return result;
    }

    /// <summary>
    /// A geometry from a property (e.g. a carrier's site boundary), or the feature's own geometry; it must lie in
    /// <paramref name="extent"/> (default: the zone, <see cref="Plausibility.Zone"/>).
    /// </summary>
    public TGeometry? Geometry<TGeometry>(string name, bool required, NetTopologySuite.Geometries.Envelope? extent = null)
        where TGeometry : Geometry
    {
        JsonElement element;
        if (name == "geometry")
        {
            element = _feature.Geometry;
            if (element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            {
                Problem(name, "missing: every feature of this layer needs a geometry");
                return null;
            }
        }
        else if (Get(name, required, JsonValueKind.Object, "GeoJSON geometry object") is { } value)
        {
            element = value;
        }
        else
        {
            return null;
        }

        Geometry? geometry;
        try
        {
            geometry = GeoJsonGeometry.Read(element);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            Problem(name, e.Message.Contains("closed linestring", StringComparison.OrdinalIgnoreCase)
                ? "a ring is not closed: its last position must repeat its first"
                : $"not a readable GeoJSON geometry: {e.Message}");
            return null;
        }

        if (geometry.NumPoints > MaxVertices)
        {
            // A boundary is a survey's, not a coastline's: beyond this it is a mistake, and its checks would be costly.
            Problem(name, $"{geometry.NumPoints} vertices; at most {MaxVertices} are accepted (simplify it)");
            return null;
        }

        return Shapes.As<TGeometry>(geometry, name, this, _crs, extent ?? Plausibility.Zone);
    }

    /// <summary>The most vertices one feature's geometry may have.</summary>
    public const int MaxVertices = 100_000;

    /// <summary>Reports the properties that no field read (call last).</summary>
    public void RejectUnknown()
    {
        if (_feature.Properties.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in _feature.Properties.EnumerateObject())
        {
            if (!_read.Contains(property.Name))
            {
                Problem(property.Name, "unknown property for this layer (misspelt?)");
            }
        }
    }

    private JsonElement? Get(string name, bool required, JsonValueKind kind, string what)
    {
        _read.Add(name);
        if (_feature.Properties.ValueKind != JsonValueKind.Object || !_feature.Properties.TryGetProperty(name, out var value)
            || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Problem(name, "missing (required)");
            }

            return null;
        }

        if (value.ValueKind != kind)
        {
            Problem(name, $"must be a {what}, got {value.ValueKind.ToString().ToLowerInvariant()} {value}");
            return null;
        }

        return value;
    }

    private T? ParseEnum<T>(string name, string text)
        where T : struct, Enum
    {
        if (EnumNames.Parse(typeof(T), text) is T value)
        {
            return value;
        }

        Problem(name, $"\"{text}\" is not one of: {string.Join(", ", EnumNames.All(typeof(T)))}");
        return null;
    }
}
