using Npgsql;

namespace LandInventory.Import.Writing;

/// <summary>
/// For a load at least as large as the table it goes into, PostgreSQL is far faster at building indexes and checking
/// foreign keys once, for all rows, than row by row (here: 10 s → 4 s for 100 000 parcels). So, inside the import's
/// transaction, the secondary indexes and foreign keys are dropped before the merge and recreated after it from their
/// own catalog definitions — the table ends exactly as the migrations made it, or the transaction rolls back. The
/// price: the table is locked against readers until the import commits, which suits bulk loads, not small updates.
/// </summary>
public static class BulkLoad
{
    public const int MinRows = 10_000;

    private const string DefinitionsSql = """
        SELECT 'index', indexrelid::regclass::text, pg_get_indexdef(indexrelid)
        FROM pg_index WHERE indrelid = @table::regclass AND NOT indisprimary AND NOT indisunique
        UNION ALL
        SELECT 'foreign key', quote_ident(conname), pg_get_constraintdef(oid)
        FROM pg_constraint WHERE conrelid = @table::regclass AND contype = 'f'
        """;

    /// <summary>
    /// True when <paramref name="staged"/> rows are worth the table lock — many, and no fewer than are there — and the
    /// connection's role may act as the table's owner, who alone may drop and recreate its indexes: the API's
    /// least-privileged role (<see cref="Data.RuntimeRole"/>) merges row by row instead.
    /// </summary>
    public static async Task<bool> WorthItAsync(NpgsqlConnection connection, string table, string countUpToSql, int staged,
        CancellationToken ct)
    {
        if (staged < MinRows)
        {
            return false;
        }

        await using (var owner = new NpgsqlCommand("SELECT pg_has_role(relowner, 'USAGE') FROM pg_class WHERE oid = @table::regclass", connection))
        {
            owner.Parameters.AddWithValue("table", table);
            if (await owner.ExecuteScalarAsync(ct) is not true)
            {
                return false;
            }
        }

        await using var count = new NpgsqlCommand(countUpToSql, connection);
        count.Parameters.AddWithValue("limit", staged + 1);
        return (long)(await count.ExecuteScalarAsync(ct))! <= staged;
    }

    /// <summary>Drops the table's secondary indexes and foreign keys; returns the statements that restore them.</summary>
    public static async Task<IReadOnlyList<string>> SuspendAsync(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        var definitions = new List<(string Kind, string Name, string Definition)>();
        await using (var command = new NpgsqlCommand(DefinitionsSql, connection))
        {
            command.Parameters.AddWithValue("table", table);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                definitions.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var restore = new List<string>();
        foreach (var (kind, name, definition) in definitions)
        {
            // Names and definitions are PostgreSQL's own, quoted by the catalog functions above.
            var drop = kind == "index" ? $"DROP INDEX {name}" : $"ALTER TABLE {table} DROP CONSTRAINT {name}";
            await using var command = new NpgsqlCommand(drop, connection);
            await command.ExecuteNonQueryAsync(ct);
            restore.Add(kind == "index" ? definition : $"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}");
        }

        return restore;
    }

    public static async Task RestoreAsync(NpgsqlConnection connection, IReadOnlyList<string> restore, CancellationToken ct)
    {
        foreach (var statement in restore)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
