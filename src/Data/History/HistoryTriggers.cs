namespace LandInventory.Data.History;

/// <summary>
/// The triggers that write <see cref="FeatureChange"/>s: per statement with transition tables, so that a bulk import
/// records its changes set-based rather than row by row, and an update that changed nothing but the timestamp records
/// nothing. Who is read from the transaction's <c>inventory.actor</c> setting (<see cref="SetWriterSql"/>), else the
/// database role. Used by the migrations; identifiers come from the constant list, never from input.
/// </summary>
public static class HistoryTriggers
{
    /// <summary>Table, primary key, the key features are known by, geometry column — as one migration made them.</summary>
    public static readonly (string Table, string PrimaryKey, string Key, string Geometry)[] Tables =
    [
        ("areas", "id", "id", "boundary"),
        ("land_parcels", "id", "code", "boundary"),
        ("industrial_carriers", "id", "code", "location"),
        ("buildings", "id", "code", "footprint"),
    ];

    /// <summary>
    /// Names who writes (<c>@actor</c>) and the bureau a planner's import is limited to (<c>@steward</c>, empty: none), for
    /// the rest of the transaction; parameters, never formatted into SQL.
    /// </summary>
    public const string SetWriterSql =
        "SELECT set_config('inventory.actor', @actor, true), set_config('inventory.steward', @steward, true)";

    public const string CreateFunctions = """
        CREATE FUNCTION inventory_actor() RETURNS text LANGUAGE sql STABLE AS $$
            SELECT coalesce(nullif(current_setting('inventory.actor', true), ''), session_user::text)
        $$;
        CREATE FUNCTION feature_changes(old jsonb, new jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
            SELECT coalesce(jsonb_object_agg(k, jsonb_build_object('old', old -> k, 'new', new -> k)), '{}')
            FROM jsonb_object_keys(new) AS k
            WHERE k NOT IN ('created_at', 'updated_at') AND old -> k IS DISTINCT FROM new -> k
        $$;
        """;

    public const string DropFunctions = "DROP FUNCTION feature_changes(jsonb, jsonb); DROP FUNCTION inventory_actor();";

    public static IEnumerable<string> Create((string Table, string PrimaryKey, string Key, string Geometry) t) =>
    [
        $$"""
        CREATE FUNCTION {{t.Table}}_history() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                INSERT INTO feature_history (layer, code, operation, actor, state, new_geometry)
                SELECT TG_TABLE_NAME, n.{{t.Key}}, 'insert', inventory_actor(), to_jsonb(n) - '{{t.Geometry}}', n.{{t.Geometry}}
                FROM new_rows n ORDER BY n.{{t.Key}};
            ELSIF TG_OP = 'UPDATE' THEN
                INSERT INTO feature_history (layer, code, operation, actor, fields, changes, state, old_geometry, new_geometry)
                SELECT TG_TABLE_NAME, d.code, 'update', inventory_actor(),
                       ARRAY(SELECT k FROM jsonb_object_keys(d.changes) AS k UNION ALL SELECT '{{t.Geometry}}' WHERE d.moved ORDER BY 1),
                       d.changes, d.state, CASE WHEN d.moved THEN d.old_geometry END, d.new_geometry
                FROM (SELECT n.{{t.Key}} AS code, feature_changes(to_jsonb(o) - '{{t.Geometry}}', to_jsonb(n) - '{{t.Geometry}}') AS changes,
                             o.{{t.Geometry}} IS DISTINCT FROM n.{{t.Geometry}} AS moved, to_jsonb(n) - '{{t.Geometry}}' AS state,
                             o.{{t.Geometry}} AS old_geometry, n.{{t.Geometry}} AS new_geometry
                      FROM old_rows o JOIN new_rows n ON n.{{t.PrimaryKey}} = o.{{t.PrimaryKey}}) d
                WHERE d.moved OR d.changes <> '{}'
                ORDER BY d.code;
            ELSE
                INSERT INTO feature_history (layer, code, operation, actor, state, old_geometry)
                SELECT TG_TABLE_NAME, o.{{t.Key}}, 'delete', inventory_actor(), to_jsonb(o) - '{{t.Geometry}}', o.{{t.Geometry}}
                FROM old_rows o ORDER BY o.{{t.Key}};
            END IF;
            RETURN NULL;
        END $$;
        """,
        $"CREATE TRIGGER {t.Table}_history_insert AFTER INSERT ON {t.Table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {t.Table}_history();",
        $"CREATE TRIGGER {t.Table}_history_update AFTER UPDATE ON {t.Table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {t.Table}_history();",
        $"CREATE TRIGGER {t.Table}_history_delete AFTER DELETE ON {t.Table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {t.Table}_history();",
        // What was there when history began, so that "as of" and a feature's history start from a known state.
        $"""
        INSERT INTO feature_history (layer, code, operation, actor, changed_at, state, new_geometry)
        SELECT '{t.Table}', r.{t.Key}, 'baseline', 'migration', r.updated_at, to_jsonb(r) - '{t.Geometry}', r.{t.Geometry}
        FROM {t.Table} r ORDER BY r.{t.Key};
        """,
    ];

    public static IEnumerable<string> Drop((string Table, string PrimaryKey, string Key, string Geometry) t) =>
    [
        $"DROP TRIGGER {t.Table}_history_insert ON {t.Table};",
        $"DROP TRIGGER {t.Table}_history_update ON {t.Table};",
        $"DROP TRIGGER {t.Table}_history_delete ON {t.Table};",
        $"DROP FUNCTION {t.Table}_history();",
    ];
}
