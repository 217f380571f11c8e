using Microsoft.AspNetCore.ResponseCompression;

namespace LandInventory.GisApi.Http;

/// <summary>Compression and CORS: read-only GIS clients on other origins (web maps) are welcome by default.</summary>
public static class HttpSetup
{
    public const string CorsPolicy = "inventory-readers";

    public static IServiceCollection AddInventoryHttp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/geo+json", "application/problem+json", "application/vnd.mapbox-vector-tile"]);
        });
        // The response cache: on unless ResponseCache:Enabled is false; ResponseCache:SizeLimitMb bounds it (default 64).
        var cacheEnabled = configuration.GetValue("ResponseCache:Enabled", true);
        var sizeLimit = configuration.GetValue("ResponseCache:SizeLimitMb", 64) * 1024L * 1024L;
        services.AddSingleton(_ => new ResponseCache(
            new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions { SizeLimit = sizeLimit }),
            cacheEnabled));
        services.AddSingleton<PlaceVersions>();
        services.AddHostedService<Warmup>();
        // Requests carry searches and single features; whole files go to POST /imports, which raises its own limit.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options =>
            options.Limits.MaxRequestBodySize = configuration.GetValue("Limits:MaxRequestBodyMb", 4) * 1024L * 1024L);
        var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? ["*"];
        services.AddCors(options => options.AddPolicy(CorsPolicy, policy =>
        {
            if (origins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins(origins);
            }

            // Reads from anywhere; writes need a token, which a browser page of another origin may send only when listed.
            policy.WithMethods("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE")
                .WithHeaders("If-None-Match", "If-Match", "Accept", "Content-Type", "Content-Crs", "Authorization")
                .WithExposedHeaders("ETag", "Content-Crs", "Location", "Retry-After", "X-Request-Id");
        }));
        return services;
    }

    public static WebApplication UseInventoryHttp(this WebApplication app)
    {
        app.UseResponseCompression();
        app.UseCors(CorsPolicy);
        return app;
    }
}
