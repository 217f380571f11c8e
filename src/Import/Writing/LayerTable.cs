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
        var changed = string.Join(", ", columns.Select(c => $"CASE WHEN {Differs(c, c.Source, $"t.{c.Name}")} THEN '{c.JsonName}' END"));
        // Each changed field with its old and new value (a geometry as GeoJSON), for a review before committing.
        var values = string.Join(", ", columns.Select(c =>
            $"(CASE WHEN {Differs(c, c.Source, $"t.{c.Name}")} THEN jsonb_build_object('field', '{c.JsonName}', 'old', {Json(c, $"t.{c.Name}")}, 'new', {Json(c, c.Source)}) END)"));
        var geometry = schema.Geometry;
        Diff = $"""
            SELECT s.{key}, t.{key} IS NULL, array_remove(ARRAY[{changed}], NULL),
                   (SELECT coalesce(jsonb_agg(v.change), '[]') FROM (VALUES {values}) v(change) WHERE v.change IS NOT NULL)::text,
                   ST_AsGeoJSON(s.{geometry}, 7)
            FROM {Stage} s LEFT JOIN {table} t ON t.{key} = s.{key}
            ORDER BY s.feature_index
            """;
        Missing = $"SELECT t.{key}, ST_AsGeoJSON(t.{geometry}, 7) FROM {table} t WHERE NOT EXISTS (SELECT FROM {Stage} s WHERE s.{key} = t.{key}) ORDER BY t.{key}";
        // Only rows whose values differ are updated, so an unchanged feature keeps its updated_at; a geometry that moved
        // less than the survey tolerance is unchanged, and keeps its old coordinates when another field changes.
        Upsert = $"""
            INSERT INTO {table} AS t ({targets})
            SELECT {string.Join(", ", columns.Select(c => c.Source))} FROM {Stage} s ORDER BY s.feature_index
            ON CONFLICT ({key}) DO UPDATE SET {string.Join(", ", columns.Select(c => c.DbType == NpgsqlTypes.NpgsqlDbType.Geometry
                ? $"{c.Name} = CASE WHEN {Differs(c, $"EXCLUDED.{c.Name}", $"t.{c.Name}")} THEN EXCLUDED.{c.Name} ELSE t.{c.Name} END"
                : $"{c.Name} = EXCLUDED.{c.Name}"))}
            WHERE {string.Join(" OR ", columns.Select(c => Differs(c, $"EXCLUDED.{c.Name}", $"t.{c.Name}")))}
            RETURNING xmax = 0
            """;
        // A past state as the feature the import reads: the row the history kept, its properties by their GeoJSON names.
        var properties = string.Join(", ", columns.Where(c => c.DbType != NpgsqlTypes.NpgsqlDbType.Geometry).Select(c => $"'{c.JsonName}', to_jsonb({c.Stored})"));
        Past = $"""
            SELECT jsonb_build_object({properties})::text, ST_AsGeoJSON(h.new_geometry, 9)
            FROM feature_history h CROSS JOIN LATERAL jsonb_populate_record(NULL::{table}, h.state) r
            WHERE h.id = @change AND h.layer = '{table}' AND h.code = @key AND h.operation <> 'delete'
            """;
        Current = $"SELECT r.{key}, jsonb_build_object({properties})::text FROM {table} r WHERE r.{key} = ANY(@keys)";
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

    /// <summary>
    /// Per staged row: key, whether it is new, the GeoJSON names of the fields that would change, each change with its
    /// old and new value (JSON text), and the row's geometry as GeoJSON.
    /// </summary>
    public string Diff { get; }

    /// <summary>The feature as one change of the history left it (<c>@change</c>, <c>@key</c>): properties (JSON text) and geometry (GeoJSON).</summary>
    public string Past { get; }

    /// <summary>The stored rows of keys <c>@keys</c>: key, and properties by their GeoJSON names (as <see cref="Past"/>).</summary>
    public string Current { get; }

    /// <summary>Keys in the table that the import does not have (what replace mode removes), with their geometry as GeoJSON.</summary>
    public string Missing { get; }

    public string Upsert { get; }

    public string Delete { get; }

    /// <summary>The table's row count, counted no further than <c>@limit</c>.</summary>
    public string CountUpTo { get; }

    public string DropRejected { get; }

    /// <summary>Problems: the same key twice in one file (feature index, key, field, message).</summary>
    public string Duplicates { get; }

    /// <summary>
    /// Whether a column's two values differ. For a geometry: not when both have the same type and no point of either is
    /// farther from the other than the tolerance (Hausdorff distance) — sub-centimetre noise of a round trip through a
    /// projected system is not a change. The CASE fixes the order: the costly distance only where the values differ.
    /// </summary>
    private static string Differs(Column<T> column, string left, string right) => column.DbType == NpgsqlTypes.NpgsqlDbType.Geometry
        ? $"""
          (CASE WHEN {left} IS NOT DISTINCT FROM {right} THEN false
                WHEN {left} IS NULL OR {right} IS NULL OR ST_GeometryType({left}) <> ST_GeometryType({right}) THEN true
                ELSE ST_HausdorffDistance({left}, {right}) > @{SurveyTolerance.Parameter} END)
          """
        : $"{left} IS DISTINCT FROM {right}";

    private static string Json(Column<T> column, string value) => column.DbType == NpgsqlTypes.NpgsqlDbType.Geometry
        ? $"ST_AsGeoJSON({value}, 9)::jsonb" // 0.1 mm: old and new boundaries as precise as a survey gives them
        : $"to_jsonb({value})";
}
