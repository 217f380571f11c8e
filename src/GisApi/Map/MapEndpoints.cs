using Microsoft.Extensions.FileProviders;
using LandInventory.GisApi.Workspace;
using Microsoft.Extensions.Options;

namespace LandInventory.GisApi.Map;

/// <summary>
/// The investor map: the page at <c>/</c>, its bundle under <c>/map/</c> (built from Map/src by npm into Map/dist,
/// see Map/build.mjs; nothing from a CDN), and <c>/map/config.json</c>, the base map the operator configured, if any.
/// The planner's workspace (<c>/workspace</c>) is bundled with it.
/// </summary>
public static class MapEndpoints
{
    public static IServiceCollection AddInvestorMap(this IServiceCollection services) =>
        services.AddSettings<MapOptions>(MapOptions.Section).AddWorkspace();

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
        app.MapWorkspace(dist);
        app.MapGet("/map/config.json", (IOptions<MapOptions> settings) => Results.Json(MapConfig.From(settings.Value)))
            .WithName("MapConfig").WithTags("Map").WithSummary("The map page's settings: the base map tile URL and its coordinate system, if configured");
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

/// <summary>What the page reads at <c>/map/config.json</c>: the operator's <see cref="MapOptions"/>, and nothing else of the settings.</summary>
public sealed record MapConfig(string? BaseTileUrl, string BaseTileCrs, string? BaseTileAttribution)
{
    public static MapConfig From(MapOptions settings) => new(
        settings.BaseTileUrl is { Length: > 0 } url ? url : null, settings.BaseTileCrs is { Length: > 0 } crs ? crs : "wgs84",
        settings.BaseTileAttribution);
}
