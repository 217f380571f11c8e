using System.Text.Json;
using LandInventory.Data;
using LandInventory.GisApi.Ogc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NetTopologySuite.IO;

namespace LandInventory.GisApi.Downloads;

/// <summary>
/// An items query as a file (decision 0021): its features — every one it matches, or the page <c>limit</c>/<c>offset</c>
/// name — are spooled to disk as GeoJSON, one at a time and in the asked CRS (east first, as files hold it), and GDAL's
/// ogr2ogr writes the format from there; memory stays bounded whatever the size. Field types are GDAL's reading of the
/// GeoJSON (integers, reals, ISO dates as dates, text). The conversions run a few at a time (<c>Downloads:Concurrent</c>);
/// the spool and the file are deleted when the answer has been sent.
/// </summary>
public static class Download
{
    /// <summary>How a format without a geometry of its own (XLSX) carries each shape.</summary>
    public const string WktProperty = Import.Formats.SourceFormats.WktColumn;

    private const string ListsAsText = "StringList=String,IntegerList=String,Integer64List=String,RealList=String";

    public static async Task<IResult> RunAsync(HttpContext http, IFeatureLayer layer, ItemsQuery query, DownloadFormat format,
        InventoryDbContext db, CancellationToken ct)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<DownloadsOptions>>().Value;
        var crs = format.Wgs84Only ? OgcCrs.Crs84 : query.Crs;
        if (crs.Srs is not { } srs)
        {
            return Refused($"crs: a download is written in a system EPSG knows; '{query.Crs.Uri}' is not one (ask for it as GeoJSON, f=json)");
        }

        if (query.NearestPlaces)
        {
            return Refused("nearestPlaces: a download holds the layer's own properties; the nearest places come with pages (f=json)");
        }

        var paged = http.Request.Query.ContainsKey("limit") || http.Request.Query.ContainsKey("offset") || query.After is not null;
        if (!paged && await layer.MatchedAsync(db, query, options.MaxFeatures + 1, ct) > options.MaxFeatures)
        {
            return Refused($"the query's features are more than a download holds ({options.MaxFeatures}, "
                           + "Downloads:MaxFeatures): narrow it with bbox, a filter or datetime, or take it in pages (limit, offset or after)");
        }

        var gate = services.GetRequiredService<DownloadGate>();
        var directory = Directory.CreateTempSubdirectory("landinventory-download-");
        http.Response.OnCompleted(() =>
        {
            directory.Delete(recursive: true);
            return Task.CompletedTask;
        });
        await gate.Slots.WaitAsync(ct);
        try
        {
            var spool = Path.Combine(directory.FullName, "features.geojson");
            await SpoolAsync(spool, layer.RowsAsync(db, query, paged), crs, query.Properties, format.WktColumn, ct);
            var file = Path.Combine(directory.FullName, layer.Id + format.Extension);
            string[] arguments =
            [
                "-f", format.Driver, file, spool, "-nln", layer.Id, "-a_srs", srs,
                .. format.Options.SelectMany(o => new[] { "-lco", o }),
                .. format.Lists ? Array.Empty<string>() : ["-mapFieldType", ListsAsText],
            ];
            await Ogr2Ogr.RunAsync(options.Ogr2Ogr, arguments, TimeSpan.FromSeconds(options.TimeoutSeconds),
                services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Download)), ct);
            File.Delete(spool);
            http.Response.Headers["Content-Crs"] = $"<{crs.Uri}>";
            var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
            return TypedResults.File(stream, format.MediaType, layer.Id + format.Extension);
        }
        finally
        {
            gate.Slots.Release();
        }
    }

    private static ProblemHttpResult Refused(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid download request");

    /// <summary>The features as one GeoJSON FeatureCollection on disk, flushed every few hundred so memory holds no more.</summary>
    private static async Task SpoolAsync(string path, IAsyncEnumerable<FeatureRow> rows, OgcCrs crs, IReadOnlyList<string>? properties,
        bool wkt, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        await using var writer = new Utf8JsonWriter(file, new JsonWriterOptions { Encoder = GeoJsonResult.Options.Encoder });
        var text = new WKTWriter();
        writer.WriteStartObject();
        writer.WriteString("type", "FeatureCollection");
        writer.WriteStartArray("features");
        var written = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            var shape = crs.FromStorageEastFirst(row.Geometry);
            GeoJsonResult.WriteFeature(writer, row with { Geometry = shape }, selected: properties,
                more: wkt ? w => w.WriteString(WktProperty, text.Write(shape)) : null);
            if (++written % 500 == 0)
            {
                await writer.FlushAsync(ct);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

/// <summary>How many downloads GDAL converts at once (<see cref="DownloadsOptions.Concurrent"/>); the others wait.</summary>
public sealed class DownloadGate(IOptions<DownloadsOptions> options)
{
    public SemaphoreSlim Slots { get; } = new(options.Value.Concurrent, options.Value.Concurrent);
}

public static class DownloadsSetup
{
    public static IServiceCollection AddInventoryDownloads(this IServiceCollection services)
    {
        services.AddSettings<DownloadsOptions>(DownloadsOptions.Section);
        return services.AddSingleton<DownloadGate>();
    }
}
