using System.Text.Json;

namespace LandInventory.Importer.Reading;

/// <summary>The legacy <c>crs</c> member of a FeatureCollection (GeoJSON 2008), which RFC 7946 dropped but planners' tools still write.</summary>
public sealed partial class GeoJsonFeatureReader
{
    /// <summary>Reads the whole file's tokens once, for a top-level <c>crs</c> member that stands after the features.</summary>
    private static string? FindLateCrs(string path)
    {
        using var scan = new GeoJsonFeatureReader(path);
        var crsNext = false;
        while (true)
        {
            var reader = scan.Reader();
            if (crsNext)
            {
                if (reader.Read() && TryParse(ref reader, out var crs))
                {
                    return CrsName(crs);
                }
            }
            else
            {
                while (reader.Read())
                {
                    if (reader is { TokenType: JsonTokenType.PropertyName, CurrentDepth: 1 } && reader.ValueTextEquals("crs"))
                    {
                        crsNext = true;
                        break;
                    }
                }

                scan.Commit(ref reader);
                if (crsNext)
                {
                    continue;
                }
            }

            if (scan._eof)
            {
                return null;
            }

            scan.Refill();
        }
    }

    /// <summary>The name in a legacy crs member: <c>{"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4544"}}</c>.</summary>
    private static string CrsName(JsonDocument crs)
    {
        using (crs)
        {
            var root = crs.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("properties", out var properties)
                && properties.ValueKind == JsonValueKind.Object)
            {
                if (properties.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                {
                    return name.GetString()!;
                }

                if (properties.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number)
                {
                    return $"EPSG:{code.GetInt32()}";
                }
            }

            throw new JsonException($"the 'crs' member is not a named CRS: {root.GetRawText()}");
        }
    }
}
