using System.Net;
using System.Text.Json;

namespace LandInventory.GisApi.Tests;

/// <summary>
/// The links the service writes name the host it was told to, not one a request chose: <c>Http:PublicBaseUrl</c> fixes
/// them, <c>AllowedHosts</c> refuses other hosts.
/// </summary>
public sealed class PublicUrlTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> GetAsync(ApiFactory factory, string url, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Host = host;
        return await factory.CreateClient().SendAsync(request, Ct);
    }

    private static IEnumerable<string> Hrefs(JsonElement document) =>
        document.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("href").GetString()!);

    [Fact]
    public async Task WithAPublicBaseUrl_EveryLinkStartsWithIt_WhateverTheHostHeader()
    {
        const string publicUrl = "https://gis.example.gov.cn/inventory";
        await using var factory = new ApiFactory(api.Database.ConnectionString, ("Http:PublicBaseUrl", publicUrl + "/"), ("Warmup:Enabled", "false"));
        foreach (var url in new[] { "/ogc/", "/ogc/collections/parcels", "/ogc/collections/parcels/items?limit=2" })
        {
            using var response = await GetAsync(factory, url, "attacker.example");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.DoesNotContain("attacker.example", text, StringComparison.Ordinal);
            Assert.All(Hrefs(JsonDocument.Parse(text).RootElement), href => Assert.StartsWith(publicUrl + "/", href, StringComparison.Ordinal));
        }

        using var tiles = JsonDocument.Parse(await (await GetAsync(factory, "/tiles/parcels.json", "attacker.example")).Content.ReadAsStringAsync(Ct));
        Assert.StartsWith(publicUrl + "/tiles/", tiles.RootElement.GetProperty("tiles")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAllowedHosts_OtherHostsAreRefused()
    {
        await using var factory = new ApiFactory(api.Database.ConnectionString, ("AllowedHosts", "gis.example.gov.cn"), ("Warmup:Enabled", "false"));
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(factory, "/ogc/", "attacker.example")).StatusCode);
        using var allowed = await GetAsync(factory, "/ogc/", "gis.example.gov.cn");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.All(Hrefs(JsonDocument.Parse(await allowed.Content.ReadAsStringAsync(Ct)).RootElement),
            href => Assert.StartsWith("http://gis.example.gov.cn/", href, StringComparison.Ordinal));
    }

    [Fact]
    public async Task APublicBaseUrl_ThatIsNoUrl_StopsStartUp_NamingTheKey()
    {
        await using var factory = new ApiFactory(api.Database.ConnectionString, ("Http:PublicBaseUrl", "gis.example.gov.cn"));
        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Http:PublicBaseUrl", failure.ToString(), StringComparison.Ordinal);
    }
}
