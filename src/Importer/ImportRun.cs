using LandInventory.Data;
using LandInventory.Importer.Reading;
using LandInventory.Importer.Writing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LandInventory.Importer;

/// <summary>
/// One import: read and check every file first, then write all layers in one transaction — all of it or nothing.
/// </summary>
public sealed class ImportRun(InventoryDbContext db)
{
    /// <summary>The files of a path: the file itself, or a folder's layer files in dependency order.</summary>
    public static IReadOnlyList<(string File, Layer Layer)> Plan(string path, Layer? layer)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*.geojson")
                .Select(f => (File: f, Layer: Layers.FromFileName(f)))
                .Where(f => f.Layer is not null)
                .Select(f => (f.File, f.Layer!.Value))
                .OrderBy(f => f.Value)
                .ToList();
            return files.Count > 0
                ? files
                : throw Usage($"{path} holds no layer file (areas.geojson, parcels.geojson, carriers.geojson, buildings.geojson)");
        }

        if (!File.Exists(path))
        {
            throw Usage($"{path}: no such file or folder");
        }

        return [(path, layer ?? Layers.FromFileName(path)
            ?? throw Usage($"{Path.GetFileName(path)} is not named after a layer: say which with --layer"))];
    }

    public async Task<IReadOnlyList<LayerCounts>> RunAsync(IReadOnlyList<(string File, Layer Layer)> plan, CancellationToken ct)
    {
        var problems = new List<ImportProblem>();
        var batches = plan.Select(p => Map(p.File, p.Layer, problems)).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidInputException(problems);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var counts = new List<LayerCounts>();
        try
        {
            foreach (var batch in batches)
            {
                counts.Add(await batch.WriteAsync(db, problems, ct));
            }
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: "23514" or "23505" or "23503" } pg)
        {
            // The database's own invariants are the last line: report which one, as invalid input.
            problems.Add(new ImportProblem(plan[counts.Count].File, null, null, pg.ConstraintName ?? "(row)", pg.MessageText));
        }

        if (problems.Count > 0)
        {
            throw new InvalidInputException(problems);
        }

        await transaction.CommitAsync(ct);
        return counts;
    }

    private static LayerBatch Map(string file, Layer layer, List<ImportProblem> problems) =>
        LayerBatch.For(layer, GeoJsonFile.Read(file).ToList(), problems);

    private static ArgumentException Usage(string message) => new(message);
}
