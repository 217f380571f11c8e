using System.Net;
using System.Text.Json;

namespace LandInventory.GisApi.Tests.OData;

/// <summary>GET an OData URL from the in-memory API and read the answer as JSON.</summary>
internal static class ODataHttp
{
    public static async Task<(HttpStatusCode Status, JsonDocument Body)> GetAsync(HttpClient client, string relative)
    {
        using var response = await client.GetAsync(new Uri(relative, UriKind.Relative), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "{}" : text));
    }

    /// <summary>The answer of a query that must succeed.</summary>
    public static async Task<JsonDocument> OkAsync(HttpClient client, string relative)
    {
        var (status, body) = await GetAsync(client, relative);
        Assert.True(status == HttpStatusCode.OK, $"{relative}: {status} {body.RootElement}");
        return body;
    }

    /// <summary>The OData error message of a query that must be refused with <paramref name="expected"/>.</summary>
    public static async Task<string> ErrorAsync(HttpClient client, string relative, HttpStatusCode expected = HttpStatusCode.BadRequest)
    {
        var (status, body) = await GetAsync(client, relative);
        Assert.True(status == expected, $"{relative}: expected {expected}, got {status} {body.RootElement}");
        var error = body.RootElement.GetProperty("error");
        Assert.False(error.TryGetProperty("innererror", out _), "an error must not carry a stack trace");
        return error.GetProperty("message").GetString()!;
    }

    /// <summary>The entities' codes (or ids) in answer order, comma-separated, as the SQL oracles write them.</summary>
    public static string Keys(JsonDocument body, string key = "code") =>
        string.Join(',', body.RootElement.GetProperty("value").EnumerateArray().Select(e => e.GetProperty(key).GetString()));

    /// <summary>The same, sorted ordinally, for answers whose order is not the question.</summary>
    public static string SortedKeys(JsonDocument body, string key = "code") =>
        string.Join(',', body.RootElement.GetProperty("value").EnumerateArray().Select(e => e.GetProperty(key).GetString())
            .Order(StringComparer.Ordinal));

    public static string Url(string path, params (string Option, string Value)[] options) =>
        options.Length == 0 ? path : $"{path}?{string.Join('&', options.Select(o => $"{o.Option}={Uri.EscapeDataString(o.Value)}"))}";
}
