using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LandInventory.GisApi.Tests.Editing;

/// <summary>The requests the write tests send.</summary>
internal static class Requests
{
    public const string Parcel = "LQ04(252):2025-01";

    public static string Item(string layer, string code) => $"/ogc/collections/{layer}/items/{Uri.EscapeDataString(code)}";

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static async Task<string> ETagAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.Tag;
    }

    public static Task<HttpResponseMessage> PatchAsync(HttpClient client, string url, object properties, string? ifMatch) =>
        SendAsync(client, HttpMethod.Patch, url, JsonSerializer.Serialize(new { properties }), "application/merge-patch+json", ifMatch);

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string? body,
        string contentType, string? ifMatch, string? contentCrs = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (contentCrs is not null)
        {
            request.Content!.Headers.TryAddWithoutValidation("Content-Crs", contentCrs);
        }

        return client.SendAsync(request, Ct);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    /// <summary>Polls an import job until it is done (or a minute passed); its last state.</summary>
    public static async Task<JsonElement> FinishedAsync(HttpClient client, Uri job)
    {
        for (var i = 0; i < 600; i++)
        {
            var state = await JsonAsync(await client.GetAsync(job, Ct));
            if (state.GetProperty("state").GetString() is not ("queued" or "running"))
            {
                return state;
            }

            await Task.Delay(100, Ct);
        }

        throw new TimeoutException($"import job {job} did not finish in a minute");
    }

    /// <summary>A FeatureCollection of <paramref name="count"/> copies of the zone's first parcel, coded <c>{prefix}-000000</c> on.</summary>
    public static string ParcelCopies(string prefix, int count)
    {
        var collection = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(PostGis.Testing.RepositoryFiles.Data("parcels.geojson")))!;
        var template = collection["features"]![0]!.ToJsonString();
        var body = new System.Text.StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (var i = 0; i < count; i++)
        {
            var feature = System.Text.Json.Nodes.JsonNode.Parse(template)!;
            feature["properties"]!["code"] = $"{prefix}-{i:D6}";
            body.Append(i == 0 ? "" : ",").Append(feature.ToJsonString());
        }

        return body.Append("]}").ToString();
    }
}
