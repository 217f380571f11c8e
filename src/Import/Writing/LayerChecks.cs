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
    /// A planner's import over the API (which sets <c>inventory.steward</c> for the transaction) may bring and change only
    /// the records of the planner's bureau; the command line, run by an operator, sets nothing and is not limited.
    /// </summary>
    public static string StewardScope(string stage, string table) => $"""
        SELECT s.feature_index, s.code, 'stewardId',
               format('a planner of "%s" may only import that bureau''s records; this one is stewarded by "%s"',
                      current_setting('inventory.steward', true), CASE WHEN s.steward_id <> current_setting('inventory.steward', true)
                                                                       THEN s.steward_id ELSE t.steward_id END)
        FROM {stage} s LEFT JOIN {table} t ON t.code = s.code
        WHERE current_setting('inventory.steward', true) <> ''
          AND (s.steward_id <> current_setting('inventory.steward', true) OR t.steward_id <> current_setting('inventory.steward', true))
        """;
}
