using System.CommandLine.Parsing;
using LandInventory.Data;
using LandInventory.Data.History;
using LandInventory.Data.Spatial;
using LandInventory.Import;
using LandInventory.Import.Formats;
using LandInventory.Import.Mapping;
using LandInventory.Importer.Terminal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Spectre.Console;

namespace LandInventory.Importer;

/// <summary>The command line's work: a request to a run, a run to an exit code and the lines a planner reads.</summary>
public sealed class ImportCommand(TextWriter output, TextWriter errors, bool interactive = false)
{
    public const int Success = 0;
    public const int InvalidInput = 1;
    public const int Failure = 2;

    public static ImportLayer? ParseLayer(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        var layer = ImportLayers.Find(text);
        if (layer is null)
        {
            result.AddError($"--layer: \"{text}\" is not one of {string.Join(", ", ImportLayers.All.Select(l => l.Name))}");
        }

        return layer;
    }

    public async Task<int> RunAsync(ImportRequest request, CancellationToken ct)
    {
        IReadOnlyList<ImportInput> plan;
        CoordinateSystem? crs;
        try
        {
            plan = Plan(request.Path, request.Layer, request.Format, request.Mapping, request.Table);
            crs = request.Crs is null ? null : CoordinateSystem.Parse(File.Exists(request.Crs) ? File.ReadAllText(request.Crs) : request.Crs);
        }
        catch (ArgumentException e)
        {
            await errors.WriteLineAsync($"error: {e.Message}");
            return InvalidInput;
        }

        var connection = request.Connection ?? ConfiguredConnection();
        if (string.IsNullOrWhiteSpace(connection))
        {
            await errors.WriteLineAsync(
                "error: no database: run it as ./run.sh import … (the local database ./run.sh made), pass --connection \"Host=...;Database=...\" or set ConnectionStrings__Inventory");
            return Failure;
        }

        try
        {
            // An empty or older database is brought up to the schema this importer writes.
            await using (var db = InventoryDatabase.CreateContext(connection))
            {
                await db.Database.MigrateAsync(ct);
                // The API's least-privileged role gets its grants, also when it was made after the first migration.
                await db.Database.ExecuteSqlRawAsync(RuntimeRole.GrantSql, ct);
            }

            if (request.Mapping is { } kept && IsKept(kept))
            {
                try
                {
                    plan = await WithKeptMappingAsync(connection, plan, kept, ct);
                }
                catch (ArgumentException e)
                {
                    await errors.WriteLineAsync($"error: {e.Message}");
                    return InvalidInput;
                }
            }

            // The command line is the operator's, who holds the database's own credentials: every bureau's records, said so.
            var options = new ImportOptions(request.Mode, request.DryRun, request.SkipInvalid, crs,
                CollectDiff: request.DryRun || request.ReportPath is not null, EveryBureau: true, SurveyToleranceM: request.SurveyToleranceM);
            var result = await RunWithProgressAsync(connection, options, plan, ct);
            Summary.WriteProblems(errors, result.Problems);
            if (request.DryRun)
            {
                Summary.WriteDiff(output, result);
            }

            Summary.WriteCounts(output, result);
            if (request.ReportPath is not null)
            {
                await Summary.WriteReportAsync(request.ReportPath, ImportReport.Of(result, options), ct);
            }

            return Conclude(request, result);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
        {
            await errors.WriteLineAsync($"error: database or file failure, nothing was written: {e.GetBaseException().Message}");
            return Failure;
        }
    }

    private async Task<ImportResult> RunWithProgressAsync(string connection, ImportOptions options,
        IReadOnlyList<ImportInput> plan, CancellationToken ct)
    {
        await using var dataSource = ImportRun.CreateDataSource(connection);
        if (!interactive)
        {
            return await new ImportRun(dataSource, options, new PlainProgress(output)).RunAsync(plan, ct);
        }

        return await AnsiConsole.Progress().AutoClear(false).StartAsync(context =>
            new ImportRun(dataSource, options, new BarProgress(context)).RunAsync(plan, ct));
    }

    private int Conclude(ImportRequest request, ImportResult result)
    {
        var rejected = result.Layers.Sum(l => l.Rejected);
        if (result.Problems.Total > 0 && !result.Written && !(request.DryRun && request.SkipInvalid))
        {
            errors.WriteLine($"error: {result.Problems.Total} problem(s) in the input; nothing was written.");
            return InvalidInput;
        }

        output.WriteLine(request.DryRun
            ? "dry run: nothing was written."
            : rejected > 0 ? $"written, without the {rejected} rejected feature(s) (--skip-invalid)." : "written.");
        return Success;
    }

    /// <summary>
    /// The inputs a path names — the file itself, or a folder's layer files (any format) in dependency order — in the
    /// format named, else the one its name or first bytes say, each with the mapping named (built in, or a file).
    /// </summary>
    public static IReadOnlyList<ImportInput> Plan(string path, ImportLayer? layer, string? format = null, string? mapping = null,
        string? table = null)
    {
        var given = format is null ? (SourceFormat?)null : SourceFormats.Parse(format)
            ?? throw new ArgumentException($"--format: \"{format}\" is not one of {SourceFormats.Known}");
        return [.. Inputs(path, layer).Select(i => i with
        {
            Format = given ?? i.Format,
            // A bureau's kept mapping is read once the database is there (RunAsync).
            Mapping = mapping is null || IsKept(mapping) ? null : FieldMapping.Load(mapping, i.Layer),
            Table = table,
        })];
    }

    /// <summary>A mapping named <c>bureau/name</c> that is neither built in nor a file: one the bureau keeps in the database.</summary>
    private static bool IsKept(string mapping) =>
        FieldMapping.BuiltInNamed(mapping) is null && !File.Exists(mapping) && KeptMappings.Reference(mapping).Bureau is not null;

    /// <summary>The plan with the bureau's kept mapping read for each input's layer (the operator reads every bureau's).</summary>
    private static async Task<IReadOnlyList<ImportInput>> WithKeptMappingAsync(string connection, IReadOnlyList<ImportInput> plan,
        string mapping, CancellationToken ct)
    {
        var (bureau, name) = KeptMappings.Reference(mapping);
        await using var db = InventoryDatabase.CreateContext(connection);
        await using var transaction = await WriterScope.BeginAsync(db, "importer", null, everyBureau: true, ct);
        var kept = await KeptMappings.FindAsync(db, bureau!, name, ct)
                   ?? throw new ArgumentException($"--mapping: \"{mapping}\" is neither a built-in mapping ({string.Join(", ", FieldMapping.BuiltInNames)}), "
                                                  + $"nor a file, nor a mapping {bureau} keeps");
        return [.. plan.Select(input => input with { Mapping = KeptMappings.Read(kept, input.Layer) })];
    }

    private static List<ImportInput> Inputs(string path, ImportLayer? layer)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path)
                .Select(f => (File: f, Layer: ImportLayers.FromFileName(f)))
                .Where(f => f.Layer is not null && SourceFormats.FromName(f.File) is not null)
                .Select(f => ImportInput.FromFile(f.File, f.Layer!))
                .OrderBy(f => ImportLayers.Order(f.Layer))
                .ThenBy(f => f.Name, StringComparer.Ordinal)
                .ToList();
            return files.Count > 0
                ? files
                : throw new ArgumentException($"{path} holds no layer file ({ImportLayers.Names()} .geojson, .shp, .zip, .gpkg, .kml, .kmz, .dxf or .csv)");
        }

        if (!File.Exists(path))
        {
            throw new ArgumentException($"{path}: no such file or folder");
        }

        return [ImportInput.FromFile(path, layer ?? ImportLayers.FromFileName(path)
            ?? throw new ArgumentException($"{Path.GetFileName(path)} is not named after a layer: say which with --layer"))];
    }

    private static string? ConfiguredConnection() =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build()
            .GetConnectionString(InventoryDatabase.ConnectionStringName);
}
