namespace LandInventory.Import.Writing;

/// <summary>
/// A layer's table and the statements that stage, compare and merge it. The statements are built once, from the
/// layer's schema and its constant column list (in the layer's folder): identifiers cannot be parameters, and no input
/// reaches them. Every value travels as a parameter or through binary COPY.
/// </summary>
public sealed class LayerTable<T>
{
    public LayerTable(Data.Layer schema, IReadOnlyList<Column<T>> columns)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        var (table, key) = (schema.Table, schema.Key);
        Table = table;
        Key = key;
        Columns = columns;
        Stage = $"stage_{table}";
        var stageColumns = string.Join(", ", columns.Select(c => $"{c.StageName} {c.StageType}"));
        // No index: COPY stays append-only; the checks and the merge each read the staging table once.
        CreateStage = $"CREATE TEMP TABLE {Stage} (feature_index integer NOT NULL, {stageColumns}) ON COMMIT DROP";
        Copy = $"COPY {Stage} (feature_index, {string.Join(", ", columns.Select(c => c.StageName))}) FROM STDIN (FORMAT BINARY)";

        var targets = string.Join(", ", columns.Select(c => c.Name));
        var changed = string.Join(", ", columns.Select(c => $"CASE WHEN {c.Source} IS DISTINCT FROM t.{c.Name} THEN '{c.JsonName}' END"));
        Diff = $"""
            SELECT s.{key}, t.{key} IS NULL, array_remove(ARRAY[{changed}], NULL)
            FROM {Stage} s LEFT JOIN {table} t ON t.{key} = s.{key}
            ORDER BY s.feature_index
            """;
        Missing = $"SELECT t.{key} FROM {table} t WHERE NOT EXISTS (SELECT FROM {Stage} s WHERE s.{key} = t.{key}) ORDER BY t.{key}";
        // Only rows whose values differ are updated, so an unchanged feature keeps its updated_at.
        Upsert = $"""
            INSERT INTO {table} AS t ({targets})
            SELECT {string.Join(", ", columns.Select(c => c.Source))} FROM {Stage} s ORDER BY s.feature_index
            ON CONFLICT ({key}) DO UPDATE SET {string.Join(", ", columns.Select(c => $"{c.Name} = EXCLUDED.{c.Name}"))}
            WHERE ({string.Join(", ", columns.Select(c => $"t.{c.Name}"))}) IS DISTINCT FROM ({string.Join(", ", columns.Select(c => $"EXCLUDED.{c.Name}"))})
            RETURNING xmax = 0
            """;
        CountUpTo = $"SELECT count(*) FROM (SELECT FROM {table} LIMIT @limit) t";
        Delete = $"DELETE FROM {table} t WHERE NOT EXISTS (SELECT FROM {Stage} s WHERE s.{key} = t.{key})";
        DropRejected = $"DELETE FROM {Stage} WHERE feature_index = ANY(@rejected)";
        Duplicates = $"""
            SELECT s.feature_index, s.{key}, '{key}', format('"%s" is already used by feature #%s of this file', s.{key}, d.first)
            FROM {Stage} s JOIN (SELECT {key}, min(feature_index) AS first FROM {Stage} GROUP BY {key} HAVING count(*) > 1) d
              ON d.{key} = s.{key}
            WHERE s.feature_index > d.first
            """;
    }

    public Data.Layer Schema { get; }

    public string Table { get; }

    /// <summary>The stable key imports match on: <c>code</c>, or <c>id</c> for areas.</summary>
    public string Key { get; }

    public IReadOnlyList<Column<T>> Columns { get; }

    public string Stage { get; }

    public string CreateStage { get; }

    public string Copy { get; }

    /// <summary>Per staged row: key, whether it is new, and the GeoJSON names of the fields that would change.</summary>
    public string Diff { get; }

    /// <summary>Keys in the table that the import does not have (what replace mode removes).</summary>
    public string Missing { get; }

    public string Upsert { get; }

    public string Delete { get; }

    /// <summary>The table's row count, counted no further than <c>@limit</c>.</summary>
    public string CountUpTo { get; }

    public string DropRejected { get; }

    /// <summary>Problems: the same key twice in one file (feature index, key, field, message).</summary>
    public string Duplicates { get; }
}
