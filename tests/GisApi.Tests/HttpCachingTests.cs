using LandInventory.Import;
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
    public async Task IdenticalRequestsArrivingTogether_AreAnsweredByOneProduction()
    {
        var cache = new Http.ResponseCache(new Microsoft.Extensions.Caching.Memory.MemoryCache(
            new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions()), enabled: true);
        var release = new TaskCompletionSource();
        var productions = 0;
        var answer = new Http.CachedResponse([1, 2, 3], 200, "application/geo+json", []);

        // Sixteen requests for one tag while the first is still being produced (as after an edit, when all miss at once).
        var requests = Enumerable.Range(0, 16).Select(_ => cache.SharedAsync("\"7-abc\"", async () =>
        {
            Interlocked.Increment(ref productions);
            await release.Task;
            return answer;
        })).ToList();
        release.SetResult();
        var answers = await Task.WhenAll(requests);

        Assert.Equal(1, productions);
        Assert.All(answers, a => Assert.Same(answer, a));
        // Once produced, the next one produces again (the cache proper keeps answers; this only joins those in flight).
        Assert.Same(answer, await cache.SharedAsync("\"7-abc\"", () => { productions++; return Task.FromResult<Http.CachedResponse?>(answer); }));
        Assert.Equal(2, productions);
    }

    [Fact]
    public async Task AnAnswerForANewerVersion_DropsTheSameRequestsOlderAnswer_AndNoOther()
    {
        var cache = new Http.ResponseCache(new Microsoft.Extensions.Caching.Memory.MemoryCache(
            new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions { SizeLimit = 1 << 20 }), enabled: true);
        static Microsoft.AspNetCore.Http.DefaultHttpContext Request(string query)
        {
            var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
            (http.Request.Scheme, http.Request.Host, http.Request.Path) = ("http", new("localhost"), "/tiles/parcels/14/1/2.mvt");
            http.Request.QueryString = new(query);
            http.Response.Body = new MemoryStream();
            return http;
        }

        Task Store(string etag, string query)
        {
            var http = Request(query);
            return cache.StoreAsync(etag, () => http.Response.Body.WriteAsync(new byte[] { 1, 2, 3 }).AsTask(), http);
        }

        await Store("\"7-a\"", "");
        await Store("\"7-b\"", "?other");
        Assert.NotNull(cache.Find("\"7-a\""));

        // The data changed where this request looks: its newer answer replaces the older, the other request's stays.
        await Store("\"8-a\"", "");
        Assert.Null(cache.Find("\"7-a\""));
        Assert.NotNull(cache.Find("\"8-a\""));
        Assert.NotNull(cache.Find("\"7-b\""));
    }

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
        // The response cache follows too: the answer shows the change.
        var body = await (await GetAsync(client, "/ogc/collections/parcels/items/LQ04%28252%29%3A2025-01")).Content.ReadAsStringAsync(Ct);
        Assert.Contains("\"status\":\"reserved\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ogc/collections/parcels/items?limit=7&crs=http%3A%2F%2Fwww.opengis.net%2Fdef%2Fcrs%2FEPSG%2F0%2F4544")]
    [InlineData("/tiles/parcels/12/3234/1682.mvt")]
    [InlineData("/tiles/parcels/14/12937/6728.mvt")]
    [InlineData("/search/nearest?layer=carriers&lon=104.27&lat=30.59")]
    public async Task CachedAnswers_AreTheAnswersTheCacheOffGives(string url)
    {
        await using var uncached = new ApiFactory(api.Database.ConnectionString, ("ResponseCache:Enabled", "false"));
        var client = api.Factory.CreateClient();
        using var first = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        using var cached = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        using var fresh = await uncached.CreateClient().GetAsync(new Uri(url, UriKind.Relative), Ct);

        Assert.Equal(fresh.StatusCode, cached.StatusCode);
        Assert.Equal(await fresh.Content.ReadAsByteArrayAsync(Ct), await cached.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(fresh.Content.Headers.ContentType?.MediaType, cached.Content.Headers.ContentType?.MediaType);
        Assert.Equal(fresh.Headers.TryGetValues("Content-Crs", out var a) ? a.Single() : null,
            cached.Headers.TryGetValues("Content-Crs", out var b) ? b.Single() : null);
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
