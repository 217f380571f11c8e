using Microsoft.Extensions.FileProviders;

namespace LandInventory.GisApi.Map;

/// <summary>
/// The investor map: the page at <c>/</c>, its bundle under <c>/map/</c> (built from Map/src by npm into Map/dist,
/// see Map/build.mjs; nothing from a CDN), and <c>/map/config.json</c>, the base map the operator configured, if any.
/// </summary>
public static class MapEndpoints
{
    public static WebApplication MapInvestorMap(this WebApplication app)
    {
        // The project's Map/dist (dotnet run, tests), else the copy the build puts beside the assembly.
        string[] places = [Path.Combine(app.Environment.ContentRootPath, "Map", "dist"), Path.Combine(AppContext.BaseDirectory, "Map", "dist")];
        var dist = places.FirstOrDefault(p => File.Exists(Path.Combine(p, "index.html")))
            ?? throw new InvalidOperationException($"The map page is not built (no index.html in {string.Join(" or ", places)}): "
                + "build src/GisApi (its build runs npm in Map/) or run ./run.sh.");

        var files = new PhysicalFileProvider(dist);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = "/map",
            ContentTypeProvider = MjsAware(),
        });
        app.MapGet("/", () => Results.File(Path.Combine(dist, "index.html"), "text/html; charset=utf-8"))
            .ExcludeFromDescription();
        app.MapGet("/map/config.json", (IConfiguration configuration) => Results.Json(MapConfig.From(configuration)))
            .WithTags("Map").WithSummary("The map page's settings: the base map tile URL and its coordinate system, if configured");
        return app;
    }

    /// <summary>MapLibre ships ES modules as .mjs, which browsers load only when served as JavaScript.</summary>
    private static Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider MjsAware()
    {
        var types = new Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider();
        types.Mappings[".mjs"] = "text/javascript";
        types.Mappings[".map"] = "application/json";
        return types;
    }
}

/// <summary>
/// <c>Map:BaseTileUrl</c> (an XYZ raster URL with {z}/{x}/{y}; none: a plain background), <c>Map:BaseTileCrs</c>
/// (<c>wgs84</c>, or <c>gcj02</c> for AMap-style tiles: the features are then fetched in GCJ-02 so that they line up) and
/// <c>Map:BaseTileAttribution</c>.
/// </summary>
public sealed record MapConfig(string? BaseTileUrl, string BaseTileCrs, string? BaseTileAttribution)
{
    public static MapConfig From(IConfiguration configuration) => new(
        configuration["Map:BaseTileUrl"] is { Length: > 0 } url ? url : null,
        configuration["Map:BaseTileCrs"] == "gcj02" ? "gcj02" : "wgs84",
        configuration["Map:BaseTileAttribution"]);
}
