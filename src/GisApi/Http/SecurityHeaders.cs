using Microsoft.Extensions.Options;

namespace LandInventory.GisApi.Http;

/// <summary>
/// Headers that keep browsers from misreading answers (nosniff), leaking URLs (no referrer) or framing the service; the
/// map page also gets a Content-Security-Policy that allows only its own scripts and, when configured, its base map.
/// Set as the answer starts, so that an answer the error handler writes (which clears what was set before) has them too.
/// </summary>
public static class SecurityHeaders
{
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var origin = app.Services.GetRequiredService<IOptions<Map.MapOptions>>().Value.BaseTileOrigin;
        var baseTiles = origin is null ? "" : $" {origin}";
        var mapPolicy = "default-src 'self'; script-src 'self'; worker-src 'self' blob:; child-src blob:; "
                        + $"img-src 'self' data: blob:{baseTiles}; connect-src 'self'{baseTiles}; style-src 'self' 'unsafe-inline'; "
                        + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                Write(context, mapPolicy);
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    private static void Write(HttpContext context, string mapPolicy)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000";
        }

        if (context.Request.Path == "/" || context.Request.Path.StartsWithSegments("/map"))
        {
            headers.ContentSecurityPolicy = mapPolicy;
        }
    }
}
