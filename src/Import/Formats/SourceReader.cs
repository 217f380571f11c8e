using System.Text.Json.Nodes;
using LandInventory.Data.Spatial;
using LandInventory.Import.Mapping;
using Npgsql;

namespace LandInventory.Import.Formats;

/// <summary>
/// A source in a format GDAL reads, made into what the pipeline reads (decision 0022): GDAL's ogr2ogr writes its
/// features as GeoJSON in the source's own coordinates, to a spool in a private temporary folder, and the source's
/// coordinate system (a .prj, a GeoPackage table's) is taken as the file's; the rest — a mapping, the format's own
/// fields — is the <see cref="FeatureRewrite"/> of each feature. What only the source's own structure can tell (a
/// Shapefile's encoding, a zip without a .shp, a DXF's open polylines) is checked here, before any feature is read.
/// </summary>
internal static partial class SourceReader
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    /// <summary>A CSV's geometry columns GDAL looks for: WKT, else longitude and latitude.</summary>
    private static readonly string[] WktNames = ["WKT", "wkt", "geometry", "geom", "the_geom", SourceFormats.WktColumn, "几何"];
    private static readonly string[] LonNames = ["lon", "lng", "longitude", "x", "经度"];
    private static readonly string[] LatNames = ["lat", "latitude", "y", "纬度"];

    public static async Task<PreparedInput> PrepareAsync(ImportInput input, ImportOptions options, NpgsqlConnection connection,
        CancellationToken ct)
    {
        var mapping = input.Mapping ?? (input.Format == SourceFormat.Dxf ? FieldMapping.Dxf : null);
        if (input.Format == SourceFormat.GeoJson)
        {
            return new PreparedInput(mapping is null ? input : input with { Rewrite = new FeatureRewrite(input.Layer, input.Format, mapping, []) }, null);
        }

        var path = input.FilePath ?? throw new InvalidOperationException("a GDAL format is read from a file");
        var temp = Directory.CreateTempSubdirectory("landinventory-source-");
        try
        {
            var source = new Source(input, temp.FullName, options);
            var prepared = input.Format switch
            {
                SourceFormat.Shapefile => Shapefile(source, path),
                SourceFormat.GeoPackage => await GeoPackageAsync(source, Linked(source, path, ".gpkg"), ct),
                SourceFormat.Kml => await KmlAsync(source, Linked(source, path, path.EndsWith(".kml", StringComparison.OrdinalIgnoreCase) ? ".kml" : ".kmz"), ct),
                SourceFormat.Csv => Csv(source, Linked(source, path, ".csv")),
                _ => source with { Gdal = Linked(source, path, ".dxf"), Layers = ["entities"], Crs = options.Crs ?? throw Invalid(source, "crs",
                    "a DXF drawing holds no coordinate system: give the drawing's (--crs EPSG:4544 on the command line, crs=EPSG:4544 over HTTP)") },
            };
            var spool = Path.Combine(temp.FullName, "features.geojson");
            await ConvertAsync(prepared, spool, ct);
            IReadOnlyDictionary<string, JsonObject>? stored = null;
            if (input.Format == SourceFormat.Dxf)
            {
                var keys = await DxfDrawing.PrepareAsync(spool, input, ct);
                stored = await input.Layer.CurrentAsync(connection, keys, ct);
            }

            var converted = ImportInput.FromFile(spool, input.Layer) with
            {
                Name = input.Name, Format = input.Format, Mapping = mapping, DeclaredCrs = prepared.Crs,
                Rewrite = new FeatureRewrite(input.Layer, input.Format, mapping, prepared.GeometryColumns, stored),
            };
            return new PreparedInput(converted, temp);
        }
        catch
        {
            temp.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>What GDAL is to read and how: the dataset, its layers (each in turn), open options and settings.</summary>
    private sealed record Source(ImportInput Input, string Temp, ImportOptions Options)
    {
        public string Gdal { get; init; } = "";
        public List<string> Layers { get; init; } = [];
        public IReadOnlyList<string> OpenOptions { get; init; } = [];
        public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
        public CoordinateSystem? Crs { get; init; }
        public IReadOnlyCollection<string> GeometryColumns { get; init; } = [];
    }

    /// <summary>Each layer as GeoJSON, one after another in one spool (a KML's folders are layers); coordinates untouched.</summary>
    private static async Task ConvertAsync(Source source, string spool, CancellationToken ct)
    {
        var environment = source.Settings.ToDictionary(s => s.Key, s => s.Value);
        var layers = source.Layers.Count == 0 ? [null] : source.Layers.Cast<string?>().ToList();
        var many = layers.Count > 1;
        for (var i = 0; i < layers.Count; i++)
        {
            var target = many ? Path.Combine(source.Temp, $"layer{i}.geojsonl") : spool;
            string[] arguments =
            [
                "-f", many ? "GeoJSONSeq" : "GeoJSON", target, source.Gdal, .. layers[i] is { } layer ? new[] { layer } : [],
                .. source.OpenOptions.SelectMany(o => new[] { "-oo", o }), .. many ? [] : new[] { "-lco", "RFC7946=NO", "-lco", "WRITE_NAME=NO" },
            ];
            await RunAsync("ogr2ogr", arguments, source, environment, ct);
        }

        if (many)
        {
            await using var all = File.Create(spool);
            for (var i = 0; i < layers.Count; i++)
            {
                await using var part = File.OpenRead(Path.Combine(source.Temp, $"layer{i}.geojsonl"));
                await part.CopyToAsync(all, ct);
            }
        }
    }

    private static async Task<string> RunAsync(string program, IEnumerable<string> arguments, Source source,
        IReadOnlyDictionary<string, string>? environment, CancellationToken ct)
    {
        try
        {
            return await Gdal.RunAsync(program, arguments, Timeout, ct, environment: environment);
        }
        catch (GdalException e)
        {
            throw Invalid(source, "(file)", $"GDAL cannot read it as {source.Input.Format.ToString().ToLowerInvariant()}: {e.Message}");
        }
    }

    /// <summary>The layers (tables, folders) GDAL sees in a dataset, from <c>ogrinfo -q</c>'s "1: name (type)" lines.</summary>
    private static async Task<List<string>> LayersAsync(Source source, string dataset, CancellationToken ct)
    {
        var listing = await RunAsync("ogrinfo", ["-ro", "-q", dataset], source, null, ct);
        return [.. listing.Split('\n').Select(l => LayerLine().Match(l)).Where(m => m.Success).Select(m => m.Groups["name"].Value)];
    }

    /// <summary>The input under its format's file ending (GDAL goes by it), in the temporary folder: an upload has none.</summary>
    private static string Linked(Source source, string path, string extension)
    {
        if (path.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
        {
            return path;
        }

        var link = Path.Combine(source.Temp, "source" + extension);
        File.CreateSymbolicLink(link, Path.GetFullPath(path));
        return link;
    }

    private static InvalidInputException Invalid(Source source, string field, string message, int? feature = null) =>
        new([new ImportProblem(source.Input.Name, feature, null, field, message)]);

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d+: (?<name>.+?)(?: \([^()]*\))?$")]
    private static partial System.Text.RegularExpressions.Regex LayerLine();
}

/// <summary>The input the pipeline reads, and the temporary folder it lies in (deleted with it).</summary>
internal sealed class PreparedInput(ImportInput input, DirectoryInfo? temp) : IAsyncDisposable
{
    public ImportInput Input => input;

    public ValueTask DisposeAsync()
    {
        temp?.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }
}
