namespace LandInventory.Import.Writing;

/// <summary>
/// Checks that need the database, run on the staged rows before anything is merged: each query returns the offending
/// features as (feature index, key, field, message). These are the ones every stewarded layer has; a layer's own (a
/// parcel inside its area, a building's carrier) are in its folder. What a feature points to must exist in the
/// inventory or earlier in the same import (earlier layers are merged first, inside the same transaction).
/// </summary>
public static class LayerChecks
{
    /// <summary>Every listed record names a steward that exists.</summary>
    public static string Stewards(string stage) => $"""
        SELECT s.feature_index, s.code, 'stewardId',
               format('no steward "%s" (known: %s)', s.steward_id, (SELECT string_agg(id, ', ' ORDER BY id) FROM stewards))
        FROM {stage} s WHERE NOT EXISTS (SELECT FROM stewards w WHERE w.id = s.steward_id)
        """;

    /// <summary>
    /// A run may bring and change only the records of the bureau it names (<c>inventory.steward</c>, a planner's import
    /// over the API), unless it says, explicitly, every bureau (<c>inventory.every_bureau</c>: an admin's import, the
    /// command line run by an operator). A run that names no bureau changes nothing: an unset bureau allows nothing.
    /// </summary>
    public static string StewardScope(string stage, string table) => $"""
        SELECT s.feature_index, s.code, 'stewardId',
               CASE WHEN w.steward IS NULL
                    THEN 'this import names no bureau, so it may bring no bureau''s records (a planner''s token must name its bureau)'
                    ELSE format('a planner of "%s" may only import that bureau''s records; this one is stewarded by "%s"', w.steward,
                                CASE WHEN s.steward_id IS DISTINCT FROM w.steward THEN s.steward_id ELSE t.steward_id END)
               END
        FROM {stage} s LEFT JOIN {table} t ON t.code = s.code,
             (SELECT nullif(current_setting('inventory.steward', true), '') AS steward) w
        WHERE current_setting('inventory.every_bureau', true) IS DISTINCT FROM 'on'
          AND (s.steward_id IS DISTINCT FROM w.steward OR (t.code IS NOT NULL AND t.steward_id IS DISTINCT FROM w.steward))
        """;

    /// <summary>Whether the run may change every bureau's records (SQL, true or false), for a layer's own checks.</summary>
    public const string EveryBureau = "current_setting('inventory.every_bureau', true) IS NOT DISTINCT FROM 'on'";
}
