using LandInventory.Import.Writing;
using Npgsql;

namespace LandInventory.Import;

/// <summary>What a run did: per layer, and every problem found (counted; the first ones kept).</summary>
public sealed record ImportResult(IReadOnlyList<LayerResult> Layers, ProblemLog Problems, bool Written);

/// <summary>
/// One import, in one transaction: every file is streamed, checked and merged in dependency order, then the whole is
/// committed — or, when anything was invalid (unless invalid features are to be skipped) or in a dry run, rolled back, leaving the
/// database exactly as it was.
/// <paramref name="precondition"/> runs first inside the transaction (the API locks and checks the feature a PUT replaces).
/// </summary>
public sealed class ImportRun(NpgsqlDataSource dataSource, ImportOptions options, IImportProgress progress,
    Func<NpgsqlConnection, CancellationToken, Task>? precondition = null)
{
    /// <summary>
    /// A data source an import writes through: geometries as NetTopologySuite's (the caller disposes it), and no
    /// client-side limit on a statement unless the connection string sets one (<c>Command Timeout</c>). Npgsql's default
    /// of 30 s failed the merge of a million parcels ("Timeout during reading attempt", issue 20); what bounds an import
    /// is the server's <c>statement_timeout</c> (the API's <c>Imports:StatementTimeoutSeconds</c>) and cancellation.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString) { Name = Data.InventoryDatabase.PoolName + "-import" };
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Command Timeout") && !given.ContainsKey("CommandTimeout"))
        {
            builder.ConnectionStringBuilder.CommandTimeout = 0;
        }

        builder.UseNetTopologySuite();
        return builder.Build();
    }

    /// <summary>The inputs, in the order given: what others point to first (the order of <see cref="ImportLayers.All"/>).</summary>
    public async Task<ImportResult> RunAsync(IReadOnlyList<ImportInput> plan, CancellationToken ct)
    {
        var problems = new ProblemLog();
        var results = new List<LayerResult>();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var who = new NpgsqlCommand(Data.History.HistoryTriggers.SetWriterSql, connection))
        {
            who.Parameters.AddWithValue("actor", options.Actor ?? $"importer:{Environment.UserName}");
            who.Parameters.AddWithValue("steward", options.Steward ?? "");
            who.Parameters.AddWithValue("every", options.EveryBureau ? "on" : "off");
            await who.ExecuteNonQueryAsync(ct);
        }

        if (precondition is not null)
        {
            await precondition(connection, ct);
        }

        try
        {
            foreach (var input in plan)
            {
                results.Add(await ImportAsync(connection, input, problems, ct));
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
            problems.Add(new ImportProblem(plan[results.Count].Name, null, null, e.ConstraintName ?? e.ColumnName ?? "(row)",
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

    /// <summary>One input, in GeoJSON already or made GeoJSON by GDAL first (<see cref="Formats.SourceReader"/>).</summary>
    private async Task<LayerResult> ImportAsync(NpgsqlConnection connection, ImportInput input, ProblemLog problems, CancellationToken ct)
    {
        await using var source = await Formats.SourceReader.PrepareAsync(input, options, connection, ct);
        return await input.Layer.RunAsync(connection, source.Input, options, problems, progress, ct);
    }
}
