namespace LandInventory.Data.Versions;

/// <summary>
/// The triggers that raise <see cref="LayerVersion"/>: one per statement and kind of change, with a transition table so
/// that a statement which changed no row (an import of unchanged data) does not invalidate anything. Used by the
/// migrations, each passing its tables (a layer and its geometry column); identifiers come from those constant lists,
/// never from input.
/// </summary>
public static class LayerVersionTriggers
{
    private static readonly string[] Kinds = ["insert", "update", "delete", "truncate"];

    public const string CreateFunction = """
        CREATE FUNCTION bump_layer_version() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'TRUNCATE' OR EXISTS (SELECT FROM changed) THEN
                UPDATE layer_versions SET version = version + 1, changed_at = clock_timestamp() WHERE layer = TG_TABLE_NAME;
            END IF;
            RETURN NULL;
        END $$;
        """;

    public const string DropFunction = "DROP FUNCTION bump_layer_version();";

    /// <summary>
    /// The function as it should have been: a TRUNCATE trigger has no transition table, and PL/pgSQL plans the whole
    /// <c>OR</c> expression, so <see cref="CreateFunction"/> made every TRUNCATE of a layer fail. The test is split.
    /// </summary>
    public const string ReplaceFunction = """
        CREATE OR REPLACE FUNCTION bump_layer_version() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'TRUNCATE' THEN
                UPDATE layer_versions SET version = version + 1, changed_at = clock_timestamp() WHERE layer = TG_TABLE_NAME;
            ELSIF EXISTS (SELECT FROM changed) THEN
                UPDATE layer_versions SET version = version + 1, changed_at = clock_timestamp() WHERE layer = TG_TABLE_NAME;
            END IF;
            RETURN NULL;
        END $$;
        """;

    /// <summary>
    /// The function that raises a layer's version and records where the statement changed it (<see cref="LayerChange"/>):
    /// the box of the old and new geometries of its rows (<c>TG_ARGV[0]</c> names the column; the transition tables are
    /// <c>old_rows</c>/<c>new_rows</c> as the operation has them). The version row's lock orders writers, so versions — and
    /// the changes beside them — are in commit order per layer. A TRUNCATE, or rows without geometry, record no box:
    /// anywhere.
    /// </summary>
    public const string PlacedFunction = """
        CREATE OR REPLACE FUNCTION bump_layer_version() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            rows_changed bigint := 0;
            box box2d;
            raised bigint;
        BEGIN
            IF TG_OP = 'INSERT' THEN
                EXECUTE format('SELECT count(*), ST_Extent(%I) FROM new_rows', TG_ARGV[0]) INTO rows_changed, box;
            ELSIF TG_OP = 'UPDATE' THEN
                EXECUTE format('SELECT count(*), ST_Extent(g) FROM (SELECT %1$I AS g FROM new_rows UNION ALL SELECT %1$I FROM old_rows) c',
                               TG_ARGV[0]) INTO rows_changed, box;
            ELSIF TG_OP = 'DELETE' THEN
                EXECUTE format('SELECT count(*), ST_Extent(%I) FROM old_rows', TG_ARGV[0]) INTO rows_changed, box;
            END IF;
            IF TG_OP = 'TRUNCATE' OR rows_changed > 0 THEN
                UPDATE layer_versions SET version = version + 1, changed_at = clock_timestamp() WHERE layer = TG_TABLE_NAME
                RETURNING version INTO raised;
                INSERT INTO layer_changes (layer, version, min_x, min_y, max_x, max_y)
                VALUES (TG_TABLE_NAME, raised, ST_XMin(box), ST_YMin(box), ST_XMax(box), ST_YMax(box));
            END IF;
            RETURN NULL;
        END $$;
        """;

    /// <summary>The triggers for <see cref="PlacedFunction"/>: an update sees its old and new rows.</summary>
    public static IEnumerable<string> CreatePlaced((string Table, string Geometry) t) =>
    [
        $"CREATE TRIGGER {t.Table}_version_insert AFTER INSERT ON {t.Table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version('{t.Geometry}');",
        $"CREATE TRIGGER {t.Table}_version_update AFTER UPDATE ON {t.Table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version('{t.Geometry}');",
        $"CREATE TRIGGER {t.Table}_version_delete AFTER DELETE ON {t.Table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version('{t.Geometry}');",
        $"CREATE TRIGGER {t.Table}_version_truncate AFTER TRUNCATE ON {t.Table} FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version('{t.Geometry}');",
    ];

    public static IEnumerable<string> Create(string table) =>
    [
        $"CREATE TRIGGER {table}_version_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();",
        $"CREATE TRIGGER {table}_version_update AFTER UPDATE ON {table} REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();",
        $"CREATE TRIGGER {table}_version_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();",
        $"CREATE TRIGGER {table}_version_truncate AFTER TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION bump_layer_version();",
    ];

    public static IEnumerable<string> Drop(string table) =>
        Kinds.Select(kind => $"DROP TRIGGER {table}_version_{kind} ON {table};");
}
