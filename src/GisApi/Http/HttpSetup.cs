using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace LandInventory.GisApi.Http;

/// <summary>Compression and CORS: read-only GIS clients on other origins (web maps) are welcome by default.</summary>
public static class HttpSetup
{
    public static IServiceCollection AddInventoryHttp(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/geo+json", "application/problem+json", "application/vnd.mapbox-vector-tile"]);
        });
        services.AddSettings<ResponseCacheOptions>(ResponseCacheOptions.Section);
        services.AddSettings<LimitsOptions>(LimitsOptions.Section);
        services.AddSettings<CorsOriginsOptions>(CorsOriginsOptions.Section);
        services.AddSettings<ProxyOptions>(ProxyOptions.Section);
        services.AddSettings<PublicUrlOptions>(PublicUrlOptions.Section);
        services.AddSettings<WarmupOptions>(WarmupOptions.Section);
        services.AddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<ResponseCacheOptions>>().Value;
            return new ResponseCache(new MemoryCache(new MemoryCacheOptions { SizeLimit = settings.SizeLimitMb * 1024L * 1024L }),
                settings.Enabled);
        });
        services.AddSingleton<PlaceVersions>();
        services.AddHostedService<Warmup>();
        // Requests carry searches and single features; whole files go to POST /imports, which raises its own limit.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<LimitsOptions>>((kestrel, limits) =>
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyMb * 1024L * 1024L);
        services.AddCors();
        services.AddSingleton<ICorsPolicyProvider, CorsPolicies>();
        return services;
    }

    /// <summary>
    /// First in the pipeline: what follows sees the client's address and scheme as a trusted proxy forwarded them, and
    /// the request as made at the public address, when one is configured.
    /// </summary>
    public static WebApplication UseTrustedProxies(this WebApplication app) =>
        PublicUrlOptions.UsePublicBaseUrl(ProxyOptions.UseTrustedProxies(app));

    public static WebApplication UseInventoryHttp(this WebApplication app)
    {
        app.UseResponseCompression();
        app.UseCors();
        return app;
    }
}
