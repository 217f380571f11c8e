namespace LandInventory.Data.Versions;

/// <summary>
/// The triggers that raise <see cref="LayerVersion"/>: one per statement and kind of change, with a transition table so
/// that a statement which changed no row (an import of unchanged data) does not invalidate anything. Used by the
/// migrations; identifiers come from the constant list, never from input.
/// </summary>
public static class LayerVersionTriggers
{
    // The same four tables as Timestamps.Tables, yet its own list: each is what one migration did, and must stay so
    // when a later migration adds a table to one of them.
    public static readonly string[] Tables = ["areas", "land_parcels", "industrial_carriers", "buildings"];

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
