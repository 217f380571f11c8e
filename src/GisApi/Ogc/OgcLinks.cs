using System.Text.Json;
using LandInventory.GisApi.Http;

namespace LandInventory.GisApi.Ogc;

/// <summary>The absolute links every OGC API document carries, from the request's own scheme, host and base path.</summary>
public static class OgcLinks
{
    /// <summary>OGC API – Features Part 3's relation from a collection to its queryables.</summary>
    public const string QueryablesRel = "http://www.opengis.net/def/rel/ogc/1.0/queryables";

    public static string Base(HttpRequest request) => $"{request.Root()}/ogc";

    public static string Items(HttpRequest request, string collection) =>
        $"{Base(request)}/collections/{Uri.EscapeDataString(collection)}/items";

    public static void Write(Utf8JsonWriter writer, params (string Href, string Rel, string Type, string Title)[] links)
    {
        writer.WriteStartArray("links");
        foreach (var (href, rel, type, title) in links)
        {
            writer.WriteStartObject();
            writer.WriteString("href", href);
            writer.WriteString("rel", rel);
            writer.WriteString("type", type);
            writer.WriteString("title", title);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
