using LandInventory.GisApi.Http;

namespace LandInventory.GisApi.OData;

/// <summary>
/// The OGC API's caching for the OData service too (docs/decisions/0007): every GET under /odata gets the data-version
/// ETag, a matching <c>If-None-Match</c> is a 304, and successful answers are kept in the response cache under their
/// tag — what a BI tool refreshing the same queries every morning needs. The OData endpoints are MVC actions, which the
/// OGC endpoints' filter does not reach, hence a middleware around them.
/// </summary>
public static class ODataResponseCache
{
    public static WebApplication UseODataResponseCache(this WebApplication app)
    {
        app.UseWhen(http => HttpMethods.IsGet(http.Request.Method)
            && http.Request.Path.StartsWithSegments("/" + ODataSetup.Prefix, StringComparison.OrdinalIgnoreCase), branch => branch.Use(
            async (http, next) =>
            {
                var etag = await DataVersionETag.TagAsync(http);
                if (DataVersionETag.Settled(http, etag) is { } settled)
                {
                    await settled.ExecuteAsync(http);
                    return;
                }

                var cache = http.RequestServices.GetRequiredService<ResponseCache>();
                if (!cache.Enabled)
                {
                    http.Response.OnStarting(() =>
                    {
                        if (http.Response.StatusCode == StatusCodes.Status200OK)
                        {
                            DataVersionETag.SetHeaders(http, etag);
                        }

                        return Task.CompletedTask;
                    });
                    await next(http);
                    return;
                }

                var answer = await cache.SharedAsync(etag, async () => await cache.StoreAsync(etag, () => next(http), http))
                             ?? await cache.StoreAsync(etag, () => next(http), http);
                if (answer.Status == StatusCodes.Status200OK)
                {
                    DataVersionETag.SetHeaders(http, etag);
                }

                await answer.ExecuteAsync(http);
            }));
        return app;
    }
}
