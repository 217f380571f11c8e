using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using LandInventory.Data.Spatial;
using NetTopologySuite.IO.Converters;

namespace LandInventory.GisApi.Ogc;

/// <summary>
/// A JSON answer written straight to the response: GeoJSON features (RFC 7946, <c>application/geo+json</c>) or the OGC
/// documents around them, with the API's camelCase names and enumeration values.
/// </summary>
public sealed class GeoJsonResult(string contentType, Action<Utf8JsonWriter> write) : Http.ICacheableResult
{
    public const string GeoJson = "application/geo+json";

    /// <summary>Chinese names stay readable: the output is JSON served as JSON, never embedded in HTML.</summary>
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = Encoder,
        Converters =
        {
            new JsonStringEnumConverter(JsonNamingPolicy.CamelCase),
            new GeoJsonConverterFactory(Geo.Factory),
        },
    };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = contentType;
        // Written whole into the response's pipe (pooled segments, no I/O), then flushed once: a page is bounded (at most
        // 1000 features) and the server allows no synchronous I/O. A buffer of our own cost a large-object allocation
        // per answer, even for one feature.
        var pipe = httpContext.Response.BodyWriter;
        await using (var writer = new Utf8JsonWriter(pipe, new JsonWriterOptions { Encoder = Encoder }))
        {
            write(writer);
        }

        await pipe.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>
    /// A feature: <c>{"type":"Feature","id":…,"geometry":…,"properties":…}</c>, plus links when given; <paramref name="more"/>
    /// writes further properties after the row's (what a request asked to be added, such as the nearest places).
    /// </summary>
    public static void WriteFeature(Utf8JsonWriter writer, FeatureRow row, Action<Utf8JsonWriter>? links = null,
        IReadOnlyList<string>? selected = null, Action<Utf8JsonWriter>? more = null)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Feature");
        writer.WriteString("id", row.Id);
        writer.WritePropertyName("geometry");
        JsonSerializer.Serialize(writer, row.Geometry, Options);
        writer.WritePropertyName("properties");
        if (selected is null && more is null)
        {
            JsonSerializer.Serialize(writer, row.Properties, row.Properties.GetType(), Options);
        }
        else
        {
            var all = JsonSerializer.SerializeToElement(row.Properties, row.Properties.GetType(), Options);
            writer.WriteStartObject();
            // The selected properties in the order asked for; all of them otherwise.
            foreach (var name in selected ?? [.. all.EnumerateObject().Select(p => p.Name)])
            {
                writer.WritePropertyName(name);
                all.GetProperty(name).WriteTo(writer);
            }

            more?.Invoke(writer);
            writer.WriteEndObject();
        }

        links?.Invoke(writer);
        writer.WriteEndObject();
    }
}
