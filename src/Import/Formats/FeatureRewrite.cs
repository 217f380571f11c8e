using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LandInventory.Import.Mapping;
using LandInventory.Import.Reading;
using NpgsqlTypes;

namespace LandInventory.Import.Formats;

/// <summary>
/// What becomes of each feature a source gives before the layer's checks read it: its fields renamed and converted by
/// the mapping; for a format that cannot tell an empty text from none (a DBF, a CSV cell) empty is none; text holding a
/// figure read as the figure where the property is one (a CSV is all text), a number as text where the property is
/// text (a DBF's numeric code); the format's own fields taken out (KML's presentation, a CSV's geometry columns); a KML
/// position's height of 0 dropped (above ground it is a problem: the inventory's shapes are 2D); the stored record's
/// other fields added where the source carries shapes only (a DXF). Every conversion that cannot be made is a problem
/// naming the field, never a guess.
/// </summary>
internal sealed class FeatureRewrite(ImportLayer layer, SourceFormat format, FieldMapping? mapping,
    IReadOnlyCollection<string> geometryColumns, IReadOnlyDictionary<string, JsonObject>? stored = null)
{
    /// <summary>LIBKML's fields for how a placemark is drawn, which say nothing of the site.</summary>
    private static readonly HashSet<string> KmlPresentation =
        ["tessellate", "extrude", "visibility", "altitudeMode", "drawOrder", "icon", "snippet", "begin", "end", "timestamp"];

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    private bool TextHasNoNull => format is SourceFormat.Shapefile or SourceFormat.Csv;

    public RawFeature? Apply(RawFeature feature, ProblemLog problems)
    {
        var source = feature.Properties.ValueKind == JsonValueKind.Object ? JsonNode.Parse(feature.Properties.GetRawText())!.AsObject() : [];
        var code = Code(source);
        var ok = true;
        void Problem(string field, string message)
        {
            problems.Add(new ImportProblem(feature.File, feature.Index, code, field, message));
            ok = false;
        }

        var result = new JsonObject();
        var from = new Dictionary<string, string>(StringComparer.Ordinal);
        string? geometryText = null;
        foreach (var (name, node) in source.ToList())
        {
            _seen.Add(name);
            if (geometryColumns.Contains(name))
            {
                geometryText ??= node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
                continue;
            }

            if ((format == SourceFormat.Kml && KmlPresentation.Contains(name)) || mapping?.Ignored.Contains(name) == true)
            {
                continue;
            }

            source.Remove(name);
            var value = TextHasNoNull && node is JsonValue text && text.TryGetValue<string>(out var t) && t.Length == 0 ? null : node;
            var target = mapping?.Fields.GetValueOrDefault(name);
            var property = target?.Property ?? name;
            if (from.TryGetValue(property, out var first))
            {
                Problem(property, $"both \"{first}\" and \"{name}\" of the source give it (the mapping {mapping?.Name})");
                continue;
            }

            from[property] = name;
            if (target is { Factor: not 1 } && value is not null)
            {
                value = Figure(value) is { } figure
                    ? JsonValue.Create(Math.Round(figure * target.Factor, 6))
                    : null;
                if (value is null)
                {
                    Problem(property, $"\"{name}\" must be a figure in {target.Unit}, got {node!.ToJsonString()}");
                    continue;
                }
            }

            result[property] = format == SourceFormat.GeoJson ? value : Typed(property, value, name, Problem);
        }

        code = Code(result) ?? code;
        if (stored is not null && code is not null && stored.TryGetValue(code, out var record))
        {
            foreach (var (name, value) in record.Where(p => !result.ContainsKey(p.Key)).ToList())
            {
                result[name] = value?.DeepClone();
            }
        }

        var geometry = feature.Geometry;
        if (geometryColumns.Count > 0 && geometry.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined && geometryText is { Length: > 0 })
        {
            Problem(string.Join("/", geometryColumns.Where(c => _seen.Contains(c))),
                $"does not read as a geometry (WKT, or longitude and latitude): \"{Shorten(geometryText)}\"");
        }
        else if (format == SourceFormat.Kml && geometry.ValueKind == JsonValueKind.Object)
        {
            var shape = JsonNode.Parse(geometry.GetRawText())!;
            if (Heights.Flatten(shape) is { } height)
            {
                Problem("geometry", $"3D coordinates: a height of {height.Z.ToString(CultureInfo.InvariantCulture)} m at "
                                    + $"({height.X.ToString(CultureInfo.InvariantCulture)}, {height.Y.ToString(CultureInfo.InvariantCulture)}); "
                                    + "the inventory keeps 2D shapes: clamp the placemarks to the ground (altitudeMode clampToGround) first");
            }

            geometry = JsonSerializer.SerializeToElement(shape);
        }

        return ok ? feature with { Properties = JsonSerializer.SerializeToElement(result), Geometry = geometry } : null;
    }

    /// <summary>
    /// After the last feature: a field a kept mapping maps that no feature had is a mistake in the mapping or the file,
    /// which stops the whole run (skipping invalid features does not skip it: every feature was read with the wrong mapping).
    /// </summary>
    public void Finish(string file)
    {
        if (mapping is null || mapping.BuiltIn)
        {
            return;
        }

        var misfits = mapping.Fields.Where(f => !_seen.Contains(f.Key)).Select(f => new ImportProblem(file, null, null, f.Key,
            $"the mapping {mapping.Name} maps \"{f.Key}\" to {f.Value.Property}, but no feature has it (the file's fields: "
            + $"{string.Join(", ", _seen.Order(StringComparer.Ordinal))})")).ToList();
        if (misfits.Count > 0)
        {
            throw new InvalidInputException(misfits);
        }
    }

    /// <summary>The value as the property's type, where the source holds it as another (a CSV's text, a DBF's numeric code).</summary>
    private JsonNode? Typed(string property, JsonNode? value, string source, Action<string, string> problem)
    {
        if (value is not JsonValue scalar || !layer.FieldTypes.TryGetValue(property, out var type))
        {
            return value;
        }

        var isText = scalar.TryGetValue<string>(out var text);
        switch (type)
        {
            case NpgsqlDbType.Numeric or NpgsqlDbType.Integer when isText:
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var figure))
                {
                    return type == NpgsqlDbType.Integer && figure == decimal.Truncate(figure) ? JsonValue.Create((long)figure) : JsonValue.Create(figure);
                }

                problem(property, $"must be a number, got text \"{text}\"{(source == property ? "" : $" (from \"{source}\")")}");
                return value;
            case NpgsqlDbType.Date when isText && text!.Length == 10 && text[4] == '/' && text[7] == '/':
                // How GDAL writes a date to a CSV or a DBF's text.
                return JsonValue.Create(text.Replace('/', '-'));
            case NpgsqlDbType.Text when !isText && scalar.GetValueKind() == JsonValueKind.Number:
                return JsonValue.Create(scalar.ToJsonString());
            case NpgsqlDbType.Array | NpgsqlDbType.Text when isText:
                // A list in one cell: JSON (as the CSV download writes it) or comma-separated.
                return text!.StartsWith('[') ? JsonNode.Parse(text) : new JsonArray([.. text.Split(',').Select(p => (JsonNode?)JsonValue.Create(p.Trim()))]);
            default:
                return value;
        }
    }

    private static decimal? Figure(JsonNode value) =>
        value is JsonValue v && (v.TryGetValue<decimal>(out var d)
                                 || (v.TryGetValue<string>(out var s) && decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d)))
            ? d
            : null;

    private string? Code(JsonObject properties) =>
        properties[layer.KeyProperty] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
