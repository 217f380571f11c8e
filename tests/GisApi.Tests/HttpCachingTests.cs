using System.Net;
using System.Net.Http.Headers;
using LandInventory.Importer;
using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests;

/// <summary>ETags, 304s, compression and CORS; the tag follows every change of the data and nothing else.</summary>
public sealed class HttpCachingTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private const string Items = "/ogc/collections/parcels/items?limit=3";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ETag_AnswersIfNoneMatchWith304_UntilTheDataChanges()
    {
        var client = api.Factory.CreateClient();
        var first = await GetAsync(client, Items);
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.Equal("public, no-cache", first.Headers.CacheControl!.ToString());

        var again = await GetAsync(client, Items, etag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);

        // An import of the same data changes no row: the tag stays.
        var exit = await new ImportCommand(TextWriter.Null, TextWriter.Null)
            .RunAsync(new ImportRequest(RepositoryFiles.DataFolder, Connection: api.Database.ConnectionString), Ct);
        Assert.Equal(ImportCommand.Success, exit);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(client, Items, etag)).StatusCode);

        await api.Database.ScalarAsync<int>("UPDATE land_parcels SET status = 'reserved' WHERE code = 'LQ04(252):2025-01' RETURNING 1");

        var changed = await GetAsync(client, Items, etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task ETag_DiffersByQuery()
    {
        var client = api.Factory.CreateClient();
        var a = await GetAsync(client, Items);
        var b = await GetAsync(client, "/ogc/collections/parcels/items?limit=4");
        Assert.NotEqual(a.Headers.ETag, b.Headers.ETag);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task GeoJson_IsCompressed_WhenAsked(string encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Items);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        using var response = await api.Factory.CreateClient().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
    }

    [Fact]
    public async Task Cors_AllowsAnyOriginToRead_ByDefault()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Items);
        request.Headers.Add("Origin", "https://maps.example.org");
        using var response = await api.Factory.CreateClient().SendAsync(request, Ct);

        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, EntityTagHeaderValue? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        return await client.SendAsync(request, Ct);
    }
}
