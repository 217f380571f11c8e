using Microsoft.Extensions.Caching.Memory;

namespace LandInventory.GisApi.Http;

/// <summary>
/// Finished answers kept in memory under their ETag, which already names the data version: a change to the inventory
/// makes new tags, so a stale answer can never be served, and old entries simply age out. Size-bounded.
/// </summary>
public sealed class ResponseCache(IMemoryCache cache, bool enabled)
{
    public bool Enabled => enabled;

    public CachedResponse? Find(string etag) => enabled && cache.TryGetValue(etag, out CachedResponse? hit) ? hit : null;

    /// <summary>Runs <paramref name="result"/> into memory, keeps it, and returns it ready to send.</summary>
    public async Task<CachedResponse> StoreAsync(string etag, IResult result, HttpContext http)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await result.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        var response = new CachedResponse(buffer.ToArray(), http.Response.StatusCode, http.Response.ContentType,
            http.Response.Headers["Content-Crs"].ToString());
        cache.Set(etag, response, new MemoryCacheEntryOptions { Size = response.Body.Length + 256, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return response;
    }
}

/// <summary>An answer as it was sent: body, status, content type and the CRS header that goes with it.</summary>
public sealed record CachedResponse(byte[] Body, int Status, string? ContentType, string ContentCrs) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = Status;
        if (ContentType is not null)
        {
            httpContext.Response.ContentType = ContentType;
        }

        if (ContentCrs.Length > 0)
        {
            httpContext.Response.Headers["Content-Crs"] = ContentCrs;
        }

        if (Body.Length > 0)
        {
            await httpContext.Response.Body.WriteAsync(Body, httpContext.RequestAborted);
        }
    }
}
