using System.Net;
using System.Net.Http.Headers;
using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests.OData;

/// <summary>OData answers carry the data-version ETag, revalidate to 304, come from the cache, and never go stale.</summary>
public sealed class ODataCachingTests(PostGisServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Answers_AreTaggedCachedAndRevalidated_AndChangeWithTheData()
    {
        await using var database = await InventoryTestDatabase.CreateAsync(server);
        await InventoryData.ImportAsync(database.ConnectionString);
        await using var factory = new ApiFactory(database.ConnectionString);
        var client = factory.CreateClient();
        const string url = "/odata/Parcels?$select=code,nameEn&$orderby=code&$top=3";

        using var first = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        using var second = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        var etag = first.Headers.ETag!;
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, url);
        revalidate.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(revalidate, Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(etag, second.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal("4.0", Assert.Single(second.Headers.GetValues("OData-Version")));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        var code = await database.ScalarAsync<string>("SELECT code FROM land_parcels ORDER BY code LIMIT 1");
        await database.ScalarAsync<object>($"UPDATE land_parcels SET name_en = 'Renamed for the cache test' WHERE code = '{code}'");
        using var afterChange = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        using var stale = new HttpRequestMessage(HttpMethod.Get, url);
        stale.Headers.IfNoneMatch.Add(etag);
        using var revalidated = await client.SendAsync(stale, Ct);

        Assert.NotEqual(etag, afterChange.Headers.ETag);
        Assert.Contains("Renamed for the cache test", await afterChange.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, revalidated.StatusCode);
    }

    [Fact]
    public async Task TheTag_FollowsTheHostAndTheMetadataLevel_AndErrorsAreNotTagged()
    {
        await using var database = await InventoryTestDatabase.CreateAsync(server);
        await using var factory = new ApiFactory(database.ConnectionString);
        var client = factory.CreateClient();

        using var plain = await client.GetAsync(new Uri("/odata/Areas", UriKind.Relative), Ct);
        using var otherHost = new HttpRequestMessage(HttpMethod.Get, "/odata/Areas");
        otherHost.Headers.Host = "inventory.example";
        using var viaOtherHost = await client.SendAsync(otherHost, Ct);
        using var full = new HttpRequestMessage(HttpMethod.Get, "/odata/Areas");
        full.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/json;odata.metadata=full"));
        using var fullMetadata = await client.SendAsync(full, Ct);
        using var refused = await client.GetAsync(new Uri("/odata/Areas?$filter=nonsense eq 1", UriKind.Relative), Ct);

        // Links in the answers are absolute: an answer for one host or metadata level is not another's.
        Assert.NotEqual(plain.Headers.ETag, viaOtherHost.Headers.ETag);
        Assert.Contains("inventory.example", await viaOtherHost.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.NotEqual(plain.Headers.ETag, fullMetadata.Headers.ETag);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(refused.Headers.ETag);
    }
}
