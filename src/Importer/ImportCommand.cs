using System.CommandLine.Parsing;
using LandInventory.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace LandInventory.Importer;

/// <summary>The command line's work: options to a run, a run to an exit code and the lines a planner reads.</summary>
public sealed class ImportCommand(TextWriter output, TextWriter errors)
{
    public const int Success = 0;
    public const int InvalidInput = 1;
    public const int Failure = 2;

    public static Layer? ParseLayer(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        var layer = Layers.Parse(text);
        if (layer is null)
        {
            result.AddError($"--layer: \"{text}\" is not one of areas, parcels, carriers, buildings");
        }

        return layer;
    }

    public async Task<int> RunAsync(string path, Layer? layer, string? connection, bool migrate, CancellationToken ct)
    {
        IReadOnlyList<(string File, Layer Layer)> plan;
        try
        {
            plan = ImportRun.Plan(path, layer);
        }
        catch (ArgumentException e)
        {
            await errors.WriteLineAsync($"error: {e.Message}");
            return InvalidInput;
        }

        connection ??= new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build()
            .GetConnectionString(InventoryDatabase.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connection))
        {
            await errors.WriteLineAsync(
                "error: no database: pass --connection \"Host=...;Database=...\" or set ConnectionStrings__Inventory");
            return Failure;
        }

        try
        {
            await using var db = InventoryDatabase.CreateContext(connection);
            if (migrate)
            {
                await db.Database.MigrateAsync(ct);
            }

            var counts = await new ImportRun(db).RunAsync(plan, ct);
            foreach (var c in counts)
            {
                await output.WriteLineAsync(
                    $"{c.Layer.Name(),-10} read {c.Read,5}  inserted {c.Inserted,5}  updated {c.Updated,5}  unchanged {c.Unchanged,5}");
            }

            await output.WriteLineAsync(
                $"total      read {counts.Sum(c => c.Read),5}  inserted {counts.Sum(c => c.Inserted),5}  "
                + $"updated {counts.Sum(c => c.Updated),5}  unchanged {counts.Sum(c => c.Unchanged),5}");
            return Success;
        }
        catch (InvalidInputException e)
        {
            foreach (var problem in e.Problems)
            {
                await errors.WriteLineAsync($"invalid: {problem}");
            }

            await errors.WriteLineAsync($"error: {e.Message}");
            return InvalidInput;
        }
        catch (Exception e) when (e is NpgsqlException or DbUpdateException or InvalidOperationException or TimeoutException)
        {
            await errors.WriteLineAsync($"error: database failure, nothing was written: {e.GetBaseException().Message}");
            return Failure;
        }
    }
}
