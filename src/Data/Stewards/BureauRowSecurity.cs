namespace LandInventory.Data.Stewards;

/// <summary>
/// Row security for a table whose rows belong to one bureau each (<c>steward_id</c>): forced on the table's owner too, a
/// transaction sees and changes the rows of the bureau it names (<c>inventory.steward</c>) or, named explicitly, every
/// bureau's (<c>inventory.every_bureau</c>: an admin, the command line, a sweep) — as the writers set them
/// (<see cref="History.HistoryTriggers.SetWriterSql"/>). Identifiers come from the tables' constants, never from input.
/// </summary>
public static class BureauRowSecurity
{
    private const string Condition = "current_setting('inventory.every_bureau', true) IS NOT DISTINCT FROM 'on' "
                                     + "OR steward_id = nullif(current_setting('inventory.steward', true), '')";

    public static string Enable(string table, string policy) => $"""
        ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
        CREATE POLICY {policy} ON {table} FOR ALL USING ({Condition}) WITH CHECK ({Condition});
        """;

    public static string Disable(string table, string policy) => $"""
        DROP POLICY {policy} ON {table};
        ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY; ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;
        """;
}
