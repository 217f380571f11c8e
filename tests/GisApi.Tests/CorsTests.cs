namespace LandInventory.GisApi.Tests;

/// <summary>
/// Cross-origin pages: any origin's pages read (unless origins are listed, then those); only the listed origins' pages
/// may write — their preflight alone allows the write methods and <c>Authorization</c>, which a write's token needs.
/// </summary>
public sealed class CorsTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private const string Items = "/ogc/collections/parcels/items?limit=3";

    private const string Listed = "https://maps.example.org";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    /// <summary>The preflight a browser sends before a cross-origin request with that method and those headers.</summary>
    private static async Task<HttpResponseMessage> PreflightAsync(HttpClient client, string origin, string method, string headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/ogc/collections/parcels/items/LQ04(252):2025-01");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return await client.SendAsync(request, Ct);
    }

    private static bool Allows(HttpResponseMessage preflight, string method, string header) =>
        Header(preflight, "Access-Control-Allow-Origin") is not null
        && (Header(preflight, "Access-Control-Allow-Methods") ?? "").Split(',').Contains(method, StringComparer.OrdinalIgnoreCase)
        && (Header(preflight, "Access-Control-Allow-Headers") ?? "").Split(',').Contains(header, StringComparer.OrdinalIgnoreCase);

    [Fact]
    public async Task ByDefault_AnyOriginReads_AndNoOriginWrites()
    {
        var client = api.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Items);
        request.Headers.Add("Origin", Listed);
        using var read = await client.SendAsync(request, Ct);
        Assert.Equal("*", Header(read, "Access-Control-Allow-Origin"));

        Assert.True(Allows(await PreflightAsync(client, Listed, "GET", "if-none-match"), "GET", "if-none-match"));
        Assert.True(Allows(await PreflightAsync(client, Listed, "GET", "odata-version"), "GET", "odata-version"));
        foreach (var method in new[] { "PATCH", "PUT", "DELETE" })
        {
            Assert.False(Allows(await PreflightAsync(client, Listed, method, "authorization,if-match"), method, "authorization"));
        }

        // A POST is a search's too, which any page may send; a token it may not.
        Assert.False(Allows(await PreflightAsync(client, Listed, "POST", "authorization"), "POST", "authorization"));
    }

    [Fact]
    public async Task ListedOrigins_AloneRead_AndWrite()
    {
        await using var narrowed = new ApiFactory(api.Database.ConnectionString, ("Cors:AllowedOrigins:0", Listed),
            ("Warmup:Enabled", "false"));
        var client = narrowed.CreateClient();

        async Task<string?> ReadAllowedAsync(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Items);
            request.Headers.Add("Origin", origin);
            using var response = await client.SendAsync(request, Ct);
            return Header(response, "Access-Control-Allow-Origin");
        }

        Assert.Equal(Listed, await ReadAllowedAsync(Listed));
        Assert.Null(await ReadAllowedAsync("https://elsewhere.example.com"));
        Assert.True(Allows(await PreflightAsync(client, Listed, "PATCH", "authorization,if-match,content-type"), "PATCH", "authorization"));
        Assert.False(Allows(await PreflightAsync(client, "https://elsewhere.example.com", "PATCH", "authorization"), "PATCH", "authorization"));
    }

    [Fact]
    public async Task AStar_BesideListedOrigins_LetsAnyOriginRead_AndTheListedWrite()
    {
        await using var mixed = new ApiFactory(api.Database.ConnectionString, ("Cors:AllowedOrigins:0", "*"),
            ("Cors:AllowedOrigins:1", Listed), ("Warmup:Enabled", "false"));
        var client = mixed.CreateClient();

        Assert.True(Allows(await PreflightAsync(client, "https://elsewhere.example.com", "GET", "if-none-match"), "GET", "if-none-match"));
        Assert.False(Allows(await PreflightAsync(client, "https://elsewhere.example.com", "DELETE", "authorization"), "DELETE", "authorization"));
        Assert.True(Allows(await PreflightAsync(client, Listed, "DELETE", "authorization,if-match"), "DELETE", "authorization"));
    }
}
