using System.Text.Json;
using LandInventory.Data.Spatial;
using LandInventory.Import.Reading;
using Npgsql;
using NpgsqlTypes;

namespace LandInventory.Import.Writing;

/// <summary>
/// One file into one layer, inside the run's transaction: stream the features through the field checks into a staging
/// table by binary COPY (memory stays flat however large the file), run the checks that need the database on the staged
/// rows, then merge set-based — insert the new, update only the changed, and in replace mode delete the missing.
/// </summary>
public sealed class LayerImport<T>(
    LayerTable<T> table, Func<RawFeature, ProblemLog, CoordinateSystem, T?> map, params string[] checks)
    where T : class
{
    public async Task<LayerResult> RunAsync(NpgsqlConnection connection, ImportInput input, ImportOptions options,
        ProblemLog problems, IImportProgress progress, CancellationToken ct)
    {
        var file = input.Name;
        await ExecuteAsync(connection, table.CreateStage, ct);
        var (read, rejected, crs) = await StageAsync(connection, input, options, problems, progress, ct);
        if (read == 0)
        {
            problems.Add(new ImportProblem(file, null, null, "features", "the file holds no features"));
        }

        var failed = new HashSet<int>();
        foreach (var check in checks.Prepend(table.Duplicates))
        {
            await CollectAsync(connection, check, file, problems, failed, ct);
        }

        if (failed.Count > 0)
        {
            await using var drop = new NpgsqlCommand(table.DropRejected, connection);
            drop.Parameters.AddWithValue("rejected", failed.ToArray());
            await drop.ExecuteNonQueryAsync(ct);
        }

        rejected += failed.Count;
        var diff = options.CollectDiff ? await DiffAsync(connection, options, ct) : [];
        var removed = options.Mode == ImportMode.Replace ? await DeleteMissingAsync(connection, file, problems, ct) : 0;
        var staged = read - rejected;
        // A dry run never takes the bulk path's table lock: it changes nothing, so it must not block readers either.
        var restore = !options.DryRun && await BulkLoad.WorthItAsync(connection, table.Table, table.CountUpTo, staged, ct)
            ? await BulkLoad.SuspendAsync(connection, table.Table, ct)
            : [];
        var (inserted, updated) = await UpsertAsync(connection, options, ct);
        await BulkLoad.RestoreAsync(connection, restore, ct);
        var result = new LayerResult(input.Layer, file, crs.Name, read, inserted, updated, staged - inserted - updated,
            removed, rejected, diff);
        progress.Finished(result);
        return result;
    }

    private async Task<(int Read, int Rejected, CoordinateSystem Crs)> StageAsync(NpgsqlConnection connection,
        ImportInput input, ImportOptions options, ProblemLog problems, IImportProgress progress, CancellationToken ct)
    {
        var file = input.Name;
        await using var reader = GeoJsonFeatureReader.Open(input);
        progress.Started(input.Layer, file, reader.Length);
        // What the command line or the request says, else what the source declares (a .prj), else the GeoJSON's own.
        CoordinateSystem? crs = options.Crs ?? input.DeclaredCrs;
        int read = 0, rejected = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(table.Copy, ct))
        {
            await foreach (var raw in reader.FeaturesAsync(findCrs: crs is null, ct))
            {
                crs ??= Declared(file, reader.DeclaredCrs);
                read++;
                if ((input.Rewrite is null ? raw : input.Rewrite.Apply(raw, problems)) is not { } feature
                    || map(feature, problems, crs) is not { } item)
                {
                    rejected++;
                    continue;
                }

                await copy.StartRowAsync(ct);
                await copy.WriteAsync(feature.Index, NpgsqlDbType.Integer, ct);
                foreach (var column in table.Columns)
                {
                    if (column.Value(item) is { } value)
                    {
                        await copy.WriteAsync(value, column.DbType, ct);
                    }
                    else
                    {
                        await copy.WriteNullAsync(ct);
                    }
                }

                if (read % 1024 == 0)
                {
                    progress.Advanced(reader.Position);
                }
            }

            await copy.CompleteAsync(ct);
        }

        input.Rewrite?.Finish(file);

        progress.Advanced(reader.Length);
        return (read, rejected, crs ?? Declared(file, reader.DeclaredCrs));
    }

    /// <summary>The system a file declares in its legacy <c>crs</c> member; RFC 7946 WGS84 when it declares none.</summary>
    private static CoordinateSystem Declared(string file, string? declared)
    {
        try
        {
            return declared is null ? CoordinateSystem.Wgs84 : CoordinateSystem.Parse(declared);
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException([new ImportProblem(file, null, null, "crs", e.Message)]);
        }
    }

    private static async Task CollectAsync(NpgsqlConnection connection, string sql, string file, ProblemLog problems,
        HashSet<int> failed, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var index = reader.GetInt32(0);
            failed.Add(index);
            // A check may give the problem's place as two more columns (longitude, latitude).
            double[]? at = reader.FieldCount >= 6 && !reader.IsDBNull(4) && !reader.IsDBNull(5) ? [reader.GetDouble(4), reader.GetDouble(5)] : null;
            problems.Add(new ImportProblem(file, index, reader.GetString(1), reader.GetString(2), reader.GetString(3), At: at));
        }
    }

    private async Task<List<DiffEntry>> DiffAsync(NpgsqlConnection connection, ImportOptions options, CancellationToken ct)
    {
        var diff = new List<DiffEntry>();
        var enums = table.Columns.Where(c => c.IsEnum).Select(c => c.JsonName).ToHashSet();
        await using (var command = Compare(table.Diff, connection, options))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var fields = reader.GetFieldValue<string[]>(2);
                var shape = reader.IsDBNull(4) ? (JsonElement?)null : Parse(reader.GetString(4));
                if (reader.GetBoolean(1))
                {
                    diff.Add(new DiffEntry(reader.GetString(0), "added", [], [], shape));
                }
                else if (fields.Length > 0)
                {
                    var changes = Parse(reader.GetString(3)).EnumerateArray().Select(Change).ToList();
                    diff.Add(new DiffEntry(reader.GetString(0), "changed", fields, changes, shape));
                }
            }
        }

        if (options.Mode == ImportMode.Replace)
        {
            await using var command = new NpgsqlCommand(table.Missing, connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                diff.Add(new DiffEntry(reader.GetString(0), "removed", [], [], reader.IsDBNull(1) ? null : Parse(reader.GetString(1))));
            }
        }

        return diff;

        FieldChange Change(JsonElement change)
        {
            var field = change.GetProperty("field").GetString()!;
            var (old, now) = (change.GetProperty("old"), change.GetProperty("new"));
            return enums.Contains(field) ? new FieldChange(field, Camel(old), Camel(now)) : new FieldChange(field, old, now);
        }

        static JsonElement Parse(string json)
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }

        // An enumeration's labels (commercial_service, or a list of them) as the API names them (commercialService).
        static JsonElement Camel(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => JsonSerializer.SerializeToElement(Data.EnumNames.OfLabel(value.GetString()!)),
            JsonValueKind.Array => JsonSerializer.SerializeToElement(value.EnumerateArray().Select(v => Data.EnumNames.OfLabel(v.GetString()!)).ToArray()),
            _ => value,
        };
    }

    /// <summary>A statement that compares staged rows with the table, given the run's survey tolerance.</summary>
    private static NpgsqlCommand Compare(string sql, NpgsqlConnection connection, ImportOptions options)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(SurveyTolerance.Parameter, SurveyTolerance.Degrees(options.SurveyToleranceM));
        return command;
    }

    /// <summary>Replace mode: what the file no longer has goes, unless something still points to it.</summary>
    private async Task<int> DeleteMissingAsync(NpgsqlConnection connection, string file, ProblemLog problems, CancellationToken ct)
    {
        await ExecuteAsync(connection, "SAVEPOINT replace_delete", ct);
        try
        {
            var removed = await ExecuteAsync(connection, table.Delete, ct);
            await ExecuteAsync(connection, "RELEASE SAVEPOINT replace_delete", ct);
            return removed;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            await ExecuteAsync(connection, "ROLLBACK TO SAVEPOINT replace_delete", ct);
            problems.Add(new ImportProblem(file, null, null, table.Key,
                $"replace would remove records that others still point to ({e.TableName} → {e.ConstraintName}): {e.Detail}"));
            return 0;
        }
    }

    private async Task<(int Inserted, int Updated)> UpsertAsync(NpgsqlConnection connection, ImportOptions options, CancellationToken ct)
    {
        int inserted = 0, updated = 0;
        await using var command = Compare(table.Upsert, connection, options);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (reader.GetBoolean(0))
            {
                inserted++;
            }
            else
            {
                updated++;
            }
        }

        return (inserted, updated);
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
