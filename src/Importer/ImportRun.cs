using LandInventory.Importer.Mapping;
using LandInventory.Importer.Writing;
using Npgsql;

namespace LandInventory.Importer;

/// <summary>What a run did: per layer, and every problem found (counted; the first ones kept).</summary>
public sealed record ImportResult(IReadOnlyList<LayerResult> Layers, ProblemLog Problems, bool Written);

/// <summary>
/// One import, in one transaction: every file is streamed, checked and merged in dependency order, then the whole is
/// committed — or, when anything was invalid (without --skip-invalid) or in a dry run, rolled back, leaving the
/// database exactly as it was.
/// <paramref name="precondition"/> runs first inside the transaction (the API locks and checks the feature a PUT replaces).
/// </summary>
public sealed class ImportRun(NpgsqlDataSource dataSource, ImportOptions options, IImportProgress progress,
    Func<NpgsqlConnection, CancellationToken, Task>? precondition = null)
{
    /// <summary>The files of a path: the file itself, or a folder's layer files in dependency order.</summary>
    public static IReadOnlyList<(string File, Layer Layer)> Plan(string path, Layer? layer)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path)
                .Select(f => (File: f, Layer: Layers.FromFileName(f)))
                .Where(f => f.Layer is not null && Layers.IsGeoJsonFile(f.File))
                .Select(f => (f.File, f.Layer!.Value))
                .OrderBy(f => f.Value)
                .ThenBy(f => f.File, StringComparer.Ordinal)
                .ToList();
            return files.Count > 0
                ? files
                : throw Usage($"{path} holds no layer file (areas, parcels, carriers or buildings .geojson)");
        }

        if (!File.Exists(path))
        {
            throw Usage($"{path}: no such file or folder");
        }

        return [(path, layer ?? Layers.FromFileName(path)
            ?? throw Usage($"{Path.GetFileName(path)} is not named after a layer: say which with --layer"))];
    }

    public async Task<ImportResult> RunAsync(IReadOnlyList<(string File, Layer Layer)> plan, CancellationToken ct)
    {
        var problems = new ProblemLog();
        var results = new List<LayerResult>();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var who = new NpgsqlCommand(Data.History.HistoryTriggers.SetWriterSql, connection))
        {
            who.Parameters.AddWithValue("actor", options.Actor ?? $"importer:{Environment.UserName}");
            who.Parameters.AddWithValue("steward", options.Steward ?? "");
            await who.ExecuteNonQueryAsync(ct);
        }

        if (precondition is not null)
        {
            await precondition(connection, ct);
        }

        try
        {
            foreach (var (file, layer) in plan)
            {
                results.Add(await ImportAsync(connection, layer, file, problems, ct));
            }
        }
        catch (InvalidInputException e)
        {
            foreach (var problem in e.Problems)
            {
                problems.Add(problem);
            }
        }
        catch (PostgresException e) when (e.SqlState.StartsWith("23", StringComparison.Ordinal) || e.SqlState == "22001")
        {
            // A database invariant the field checks did not foresee: the last line holds, and says which.
            problems.Add(new ImportProblem(plan[results.Count].File, null, null, e.ConstraintName ?? e.ColumnName ?? "(row)",
                $"{e.MessageText}{(e.Detail is null ? "" : $" ({e.Detail})")}"));
        }

        var write = !options.DryRun && (problems.Total == 0 || (options.SkipInvalid && results.Count == plan.Count));
        if (write)
        {
            await transaction.CommitAsync(ct);
        }
        else
        {
            await transaction.RollbackAsync(ct);
        }

        return new ImportResult(results, problems, write);
    }

    private Task<LayerResult> ImportAsync(NpgsqlConnection connection, Layer layer, string file, ProblemLog problems,
        CancellationToken ct) => layer switch
    {
        Layer.Areas => new LayerImport<Data.Areas.Area>(LayerTables.Areas, FeatureMapper.ToArea)
            .RunAsync(connection, layer, file, options, problems, progress, ct),
        Layer.Parcels => new LayerImport<Data.Parcels.LandParcel>(LayerTables.Parcels, FeatureMapper.ToParcel,
                LayerChecks.Stewards(LayerTables.Parcels.Stage), LayerChecks.StewardScope(LayerTables.Parcels.Stage, LayerTables.Parcels.Table),
                LayerChecks.ParcelAreas)
            .RunAsync(connection, layer, file, options, problems, progress, ct),
        Layer.Carriers => new LayerImport<Data.Carriers.IndustrialCarrier>(LayerTables.Carriers, FeatureMapper.ToCarrier,
                LayerChecks.Stewards(LayerTables.Carriers.Stage), LayerChecks.StewardScope(LayerTables.Carriers.Stage, LayerTables.Carriers.Table))
            .RunAsync(connection, layer, file, options, problems, progress, ct),
        Layer.Buildings => new LayerImport<ImportedBuilding>(LayerTables.Buildings, FeatureMapper.ToBuilding,
                LayerChecks.Stewards(LayerTables.Buildings.Stage), LayerChecks.StewardScope(LayerTables.Buildings.Stage, LayerTables.Buildings.Table),
                LayerChecks.BuildingCarriers)
            .RunAsync(connection, layer, file, options, problems, progress, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(layer)),
    };

    private static ArgumentException Usage(string message) => new(message);
}
