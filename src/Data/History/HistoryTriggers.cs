namespace LandInventory.Data.History;

/// <summary>
/// The triggers that write <see cref="FeatureChange"/>s: per statement with transition tables, so that a bulk import
/// records its changes set-based rather than row by row, and an update that changed nothing but the timestamp records
/// nothing. Who is read from the transaction's <c>inventory.actor</c> setting (<see cref="SetWriterSql"/>), else the
/// database role. Used by the migrations, each passing the tables it records (a new layer's migration, its own);
/// identifiers come from those constant lists, never from input.
/// </summary>
public static class HistoryTriggers
{
    /// <summary>
    /// Names who writes (<c>@actor</c>) and whose records the writer may bring and change, for the rest of the
    /// transaction: one bureau's (<c>@steward</c>) or, explicitly, every bureau's (<c>@every</c> = <c>on</c>: an admin, the
    /// operator's command line). A writer that names neither may change no bureau's records. Parameters, never formatted
    /// into SQL.
    /// </summary>
    public const string SetWriterSql =
        "SELECT set_config('inventory.actor', @actor, true), set_config('inventory.steward', @steward, true), "
        + "set_config('inventory.every_bureau', @every, true)";

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

    public const string DropFunctions =
        "DROP FUNCTION record_feature_history(); DROP FUNCTION feature_changes(jsonb, jsonb); DROP FUNCTION inventory_actor();";

    /// <summary>
    /// One function for every layer, told its key, geometry and primary key columns by the trigger's arguments. The row's
    /// state is built column by column from the catalog (<c>jsonb_build_object</c>, in chunks under the 100-argument
    /// limit): <c>to_jsonb(row)</c> would first turn the geometry into GeoJSON only to drop it — most of a bulk import's
    /// history cost (4.6 → 2.6 s per 100 000 inserts). Identifiers are quoted by <c>format('%I')</c>; transition tables
    /// are visible to the dynamic statements.
    /// </summary>
    public const string CreateRecorder = """
        CREATE FUNCTION record_feature_history() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            key text := TG_ARGV[0];
            geom text := TG_ARGV[1];
            pk text := TG_ARGV[2];
            state text;
        BEGIN
            SELECT string_agg('jsonb_build_object(' || pairs || ')', ' || ')
            INTO state
            FROM (SELECT string_agg(format('%L, @row.%I', attname, attname), ', ' ORDER BY attnum) AS pairs
                  FROM (SELECT attname, attnum, (row_number() OVER (ORDER BY attnum) - 1) / 40 AS chunk
                        FROM pg_attribute
                        WHERE attrelid = TG_RELID AND attnum > 0 AND NOT attisdropped AND attname <> geom) c
                  GROUP BY chunk) g;
            IF TG_OP = 'INSERT' THEN
                EXECUTE format($q$
                    INSERT INTO feature_history (layer, code, operation, actor, state, new_geometry)
                    SELECT %L, n.%I, 'insert', inventory_actor(), %s, n.%I FROM new_rows n
                    $q$, TG_TABLE_NAME, key, replace(state, '@row', 'n'), geom);
            ELSIF TG_OP = 'UPDATE' THEN
                EXECUTE format($q$
                    INSERT INTO feature_history (layer, code, operation, actor, fields, changes, state, old_geometry, new_geometry)
                    SELECT %1$L, s.code, 'update', inventory_actor(),
                           ARRAY(SELECT k FROM jsonb_object_keys(c.changes) AS k UNION ALL SELECT %2$L WHERE s.moved ORDER BY 1),
                           c.changes, s.state, CASE WHEN s.moved THEN s.old_geometry END, s.new_geometry
                    FROM (SELECT n.%3$I AS code, %4$s AS old_state, %5$s AS state, o.%2$I IS DISTINCT FROM n.%2$I AS moved,
                                 o.%2$I AS old_geometry, n.%2$I AS new_geometry
                          FROM old_rows o JOIN new_rows n ON n.%6$I = o.%6$I) s
                    CROSS JOIN LATERAL (SELECT feature_changes(s.old_state, s.state) AS changes) c
                    WHERE s.moved OR c.changes <> '{}'
                    $q$, TG_TABLE_NAME, geom, key, replace(state, '@row', 'o'), replace(state, '@row', 'n'), pk);
            ELSE
                EXECUTE format($q$
                    INSERT INTO feature_history (layer, code, operation, actor, state, old_geometry)
                    SELECT %L, o.%I, 'delete', inventory_actor(), %s, o.%I FROM old_rows o
                    $q$, TG_TABLE_NAME, key, replace(state, '@row', 'o'), geom);
            END IF;
            RETURN NULL;
        END $$;
        """;

    public static IEnumerable<string> Create((string Table, string PrimaryKey, string Key, string Geometry) t) =>
    [
        $"CREATE TRIGGER {t.Table}_history_insert AFTER INSERT ON {t.Table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION record_feature_history('{t.Key}', '{t.Geometry}', '{t.PrimaryKey}');",
        $"CREATE TRIGGER {t.Table}_history_update AFTER UPDATE ON {t.Table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION record_feature_history('{t.Key}', '{t.Geometry}', '{t.PrimaryKey}');",
        $"CREATE TRIGGER {t.Table}_history_delete AFTER DELETE ON {t.Table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION record_feature_history('{t.Key}', '{t.Geometry}', '{t.PrimaryKey}');",
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
    ];
}
