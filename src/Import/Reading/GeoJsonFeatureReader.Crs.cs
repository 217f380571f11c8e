using System.Text.Json;

namespace LandInventory.Import.Reading;

/// <summary>The legacy <c>crs</c> member of a FeatureCollection (GeoJSON 2008), which RFC 7946 dropped but planners' tools still write.</summary>
public sealed partial class GeoJsonFeatureReader
{
    /// <summary>Set while a late scan has found the <c>crs</c> name and waits for its value.</summary>
    private bool _crsNext;

    /// <summary>Reads the whole input's tokens once more, for a top-level <c>crs</c> member that stands after the features.</summary>
    private async Task<string?> FindLateCrsAsync(CancellationToken ct)
    {
        await using var scan = new GeoJsonFeatureReader(_input);
        return await scan.NextAsync(scan.ScanForCrs, ct);
    }

    private Step<string?> ScanForCrs()
    {
        while (true)
        {
            var reader = Reader();
            if (_crsNext)
            {
                if (reader.Read() && TryParse(ref reader, out var crs))
                {
                    return Done<string?>(CrsName(crs));
                }
            }
            else
            {
                while (reader.Read())
                {
                    if (reader is { TokenType: JsonTokenType.PropertyName, CurrentDepth: 1 } && reader.ValueTextEquals("crs"))
                    {
                        _crsNext = true;
                        break;
                    }
                }

                Commit(ref reader);
                if (_crsNext)
                {
                    continue;
                }
            }

            return _eof ? Done<string?>(null) : default;
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
