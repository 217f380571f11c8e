using System.Text.Json;
using LandInventory.Data.Spatial;
using LandInventory.GisApi.Errors;
using LandInventory.Import;
using LandInventory.Import.Writing;

namespace LandInventory.GisApi.Editing;

/// <summary>
/// A posted GeoJSON Feature, held in memory (it is at most <see cref="EditEndpoints.MaxFeatureBytes"/>) as the import's
/// input, with what the endpoint must know before the import: its key, its steward and the CRS the client declared
/// (<c>Content-Crs</c>).
/// </summary>
public sealed class ReceivedFeature
{
    /// <summary>What problems call the input: the body is the only one.</summary>
    public const string InputName = "request body";

    private ReceivedFeature(ImportInput input, string key, string? steward, CoordinateSystem? crs)
    {
        Input = input;
        Key = key;
        Steward = steward;
        Crs = crs;
    }

    public ImportInput Input { get; }

    public string Key { get; }

    public string? Steward { get; }

    public CoordinateSystem? Crs { get; }

    public static async Task<ReceivedFeature> ReadAsync(HttpRequest request, EditableLayer layer, CancellationToken ct)
    {
        if (request.ContentLength > EditEndpoints.MaxFeatureBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > EditEndpoints.MaxFeatureBytes)
        {
            throw TooLarge();
        }

        return From(buffer.ToArray(), layer, ContentCrs(request), InputName);
    }

    /// <summary>A feature the service itself holds (a past version to restore), named <paramref name="name"/> in problems.</summary>
    public static ReceivedFeature From(byte[] body, EditableLayer layer, CoordinateSystem? crs, string name)
    {
        string key;
        string? steward;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || type.GetString() != "Feature" || !root.TryGetProperty("properties", out var properties)
                || properties.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("the body must be one GeoJSON Feature with a properties object (a file of many: POST /imports)");
            }

            var keyName = layer.Import.KeyProperty;
            key = properties.TryGetProperty(keyName, out var k) && k.ValueKind == JsonValueKind.String && k.GetString() is { Length: > 0 } text
                ? text
                : throw Invalid($"properties.{keyName} is required: it names the feature");
            steward = properties.TryGetProperty("stewardId", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        }
        catch (JsonException e)
        {
            throw Writes.NotJson(e);
        }

        return new ReceivedFeature(ImportInput.FromBytes(name, layer.Import, body), key, steward, crs);
    }

    /// <summary><c>Content-Crs: &lt;http://www.opengis.net/def/crs/EPSG/0/4544&gt;</c> (OGC API – Features Part 4), or none.</summary>
    private static CoordinateSystem? ContentCrs(HttpRequest request)
    {
        var header = request.Headers["Content-Crs"].ToString().Trim().Trim('<', '>');
        if (header.Length == 0)
        {
            return null;
        }

        try
        {
            return CoordinateSystem.Parse(header);
        }
        catch (ArgumentException e)
        {
            throw new RequestRefusedException(Refusal.Invalid, "Unknown Content-Crs", e.Message);
        }
    }

    private static RequestRefusedException Invalid(string message) => Writes.Unprocessable(message);

    private static RequestRefusedException TooLarge() => new(Refusal.TooLarge, "The feature is too large",
        $"a feature may have at most {EditEndpoints.MaxFeatureBytes / 1024 / 1024} MB; import larger files (POST /imports)");
}

/// <summary>Progress of a one-feature import: nobody is watching.</summary>
public sealed class NoProgress : IImportProgress
{
    public static NoProgress Instance { get; } = new();

    public void Started(ImportLayer layer, string file, long length)
    {
    }

    public void Advanced(long position)
    {
    }

    public void Finished(LayerResult result)
    {
    }
}
