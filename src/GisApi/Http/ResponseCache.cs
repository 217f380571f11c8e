using Microsoft.Extensions.Caching.Memory;

namespace LandInventory.GisApi.Http;

/// <summary>
/// Finished answers kept in memory under their ETag, which already names the data version: a change to the inventory
/// makes new tags, so a stale answer can never be served, and old entries simply age out. Size-bounded. Only
/// successful answers are kept.
/// </summary>
public sealed class ResponseCache(IMemoryCache cache, bool enabled)
{
    /// <summary>The headers that belong to an answer's body and are replayed with it.</summary>
    private static readonly string[] KeptHeaders = ["Content-Crs", "OData-Version"];

    public bool Enabled => enabled;

    public CachedResponse? Find(string etag) => enabled && cache.TryGetValue(etag, out CachedResponse? hit) ? hit : null;

    /// <summary>Runs <paramref name="produce"/> into memory, keeps its answer if it succeeded, returns it ready to send.</summary>
    public async Task<CachedResponse> StoreAsync(string etag, Func<Task> produce, HttpContext http)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await produce();
        }
        finally
        {
            http.Response.Body = original;
        }

        var headers = KeptHeaders.Where(h => http.Response.Headers.ContainsKey(h))
            .Select(h => KeyValuePair.Create(h, http.Response.Headers[h].ToString())).ToArray();
        var response = new CachedResponse(buffer.ToArray(), http.Response.StatusCode, http.Response.ContentType, headers);
        if (response.Status == StatusCodes.Status200OK)
        {
            cache.Set(etag, response, new MemoryCacheEntryOptions { Size = response.Body.Length + 256, SlidingExpiration = TimeSpan.FromMinutes(10) });
        }

        return response;
    }
}

/// <summary>An answer as it was sent: body, status, content type and the headers that go with the body.</summary>
public sealed record CachedResponse(byte[] Body, int Status, string? ContentType, KeyValuePair<string, string>[] Headers) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = Status;
        if (ContentType is not null)
        {
            httpContext.Response.ContentType = ContentType;
        }

        foreach (var (name, value) in Headers)
        {
            httpContext.Response.Headers[name] = value;
        }

        if (Body.Length > 0)
        {
            await httpContext.Response.Body.WriteAsync(Body, httpContext.RequestAborted);
        }
    }
}
