using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace LandInventory.GisApi.Http;

/// <summary>
/// Finished answers kept in memory under their ETag, which already names the data version: a change to the inventory
/// makes new tags, so a stale answer can never be served. Size-bounded; only successful answers are kept; an answer
/// superseded by a newer one for the same request is dropped when the newer is kept, so the cache holds live answers
/// rather than filling to its bound with old versions of edited places.
/// </summary>
/// <remarks>It owns its memory cache, which the container disposes with it.</remarks>
public sealed class ResponseCache(MemoryCache cache, bool enabled) : IDisposable
{
    /// <summary>The headers that belong to an answer's body and are replayed with it.</summary>
    private static readonly string[] KeptHeaders = ["Content-Crs", "OData-Version"];

    /// <summary>Answers being produced now, by tag: identical requests wait for the first instead of repeating its work.</summary>
    private readonly ConcurrentDictionary<string, Task<CachedResponse?>> _inFlight = new();

    /// <summary>The tag last kept for each request (<see cref="DataVersionETag.RequestKey"/>), while it is kept.</summary>
    private readonly ConcurrentDictionary<string, string> _latest = new();

    public bool Enabled => enabled;

    /// <summary>
    /// The answer for <paramref name="etag"/>, produced once however many identical requests arrive together: right after
    /// an edit changes every tag, all clients miss at once, and without this each would query the database for the same
    /// page (a burst that was the soak's p99). The first request runs <paramref name="produce"/>; the others wait for its
    /// answer. Null when the first could not share one (it was not cacheable, or failed): then each answers on its own.
    /// </summary>
    public async Task<CachedResponse?> SharedAsync(string etag, Func<Task<CachedResponse?>> produce)
    {
        var mine = new TaskCompletionSource<CachedResponse?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _inFlight.GetOrAdd(etag, mine.Task);
        if (running != mine.Task)
        {
            return await running;
        }

        try
        {
            var answer = await produce();
            mine.SetResult(answer);
            return answer;
        }
        catch
        {
            mine.SetResult(null);
            throw;
        }
        finally
        {
            _inFlight.TryRemove(KeyValuePair.Create(etag, mine.Task));
        }
    }

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
            var request = DataVersionETag.RequestKey(http.Request);
            var options = new MemoryCacheEntryOptions { Size = response.Body.Length + 256, SlidingExpiration = TimeSpan.FromMinutes(10) };
            options.RegisterPostEvictionCallback((key, _, reason, _) =>
            {
                if (reason != EvictionReason.Replaced)
                {
                    _latest.TryRemove(KeyValuePair.Create(request, (string)key));
                }
            });
            string? previous = null;
            _latest.AddOrUpdate(request, etag, (_, old) =>
            {
                previous = old;
                return etag;
            });
            cache.Set(etag, response, options);
            if (previous is not null && previous != etag)
            {
                cache.Remove(previous); // the same request's answer for an older version of the data
            }
        }

        return response;
    }

    public void Dispose() => cache.Dispose();
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
