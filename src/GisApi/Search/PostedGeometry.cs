using System.Text.Json;
using LandInventory.Data.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace LandInventory.GisApi.Search;

/// <summary>
/// A GeoJSON geometry (or a Feature holding one) sent by a client, checked at the edge: readable, WGS84 lon/lat, not
/// empty, valid (with the reason and place), and no larger than the vertex limit.
/// </summary>
public static class PostedGeometry
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new GeoJsonConverterFactory(Geo.Factory) } };

    public static async Task<(Geometry? Geometry, string? Error)> ReadAsync(HttpRequest request, int maxVertices, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            return (null, $"body: not JSON: {e.Message.Split(" Path:")[0]}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var type) && type.ValueEquals("Feature"))
            {
                root = root.TryGetProperty("geometry", out var g) ? g : default;
            }

            Geometry? geometry;
            try
            {
                geometry = root.Deserialize<Geometry>(Options);
            }
            catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
            {
                return (null, $"body: not a GeoJSON geometry: {e.Message.Split(" Path:")[0]}");
            }

            if (geometry is null || geometry.IsEmpty)
            {
                return (null, "body: the geometry is missing or empty");
            }

            if (geometry.NumPoints > maxVertices)
            {
                return (null, $"body: the geometry has {geometry.NumPoints} vertices; at most {maxVertices} are accepted");
            }

            var envelope = geometry.EnvelopeInternal;
            if (envelope.MinX < -180 || envelope.MaxX > 180 || envelope.MinY < -90 || envelope.MaxY > 90)
            {
                return (null, "body: coordinates must be WGS84 longitude, latitude (RFC 7946)");
            }

            if (Geo.Invalidity(geometry) is { } invalid)
            {
                return (null, $"body: invalid geometry: {invalid}");
            }

            geometry.SRID = Geo.Srid;
            return (geometry, null);
        }
    }
}
