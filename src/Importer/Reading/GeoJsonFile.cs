using System.Text.Json;

namespace LandInventory.Importer.Reading;

/// <summary>Reads the features of a GeoJSON FeatureCollection or single Feature (RFC 7946).</summary>
public static class GeoJsonFile
{
    public static IEnumerable<RawFeature> Read(string path)
    {
        JsonDocument document;
        using (var stream = File.OpenRead(path))
        {
            try
            {
                document = JsonDocument.Parse(stream);
            }
            catch (JsonException e)
            {
                throw Invalid(path, null, "(file)", $"not valid JSON: {e.Message}");
            }
        }

        using (document)
        {
            var root = document.RootElement;
            var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) ? t.GetString() : null;
            switch (type)
            {
                case "FeatureCollection" when root.TryGetProperty("features", out var features)
                                              && features.ValueKind == JsonValueKind.Array:
                    var index = 0;
                    foreach (var feature in features.EnumerateArray())
                    {
                        yield return ToFeature(path, index++, feature);
                    }

                    break;
                case "Feature":
                    yield return ToFeature(path, 0, root);
                    break;
                default:
                    throw Invalid(path, null, "type", "expected a GeoJSON FeatureCollection with a 'features' array, or a Feature");
            }
        }
    }

    private static RawFeature ToFeature(string path, int index, JsonElement feature)
    {
        if (feature.ValueKind != JsonValueKind.Object || !feature.TryGetProperty("type", out var type)
            || type.GetString() != "Feature")
        {
            throw Invalid(path, index, "type", "not a GeoJSON Feature object");
        }

        var properties = feature.TryGetProperty("properties", out var p) ? p.Clone() : default;
        var geometry = feature.TryGetProperty("geometry", out var g) ? g.Clone() : default;
        return new RawFeature(path, index, properties, geometry);
    }

    private static InvalidInputException Invalid(string path, int? index, string field, string message) =>
        new([new ImportProblem(path, index, null, field, message)]);
}
