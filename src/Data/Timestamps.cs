namespace LandInventory.Data;

/// <summary>
/// <c>updated_at</c> is kept by a trigger, so that it is right whoever writes: EF, the importer's bulk SQL or psql.
/// Used by the migrations: a new table with timestamps gets its trigger in the migration that makes it.
/// </summary>
public static class Timestamps
{
    public const string CreateFunction = """
        CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.updated_at := now();
            RETURN NEW;
        END $$;
        """;

    public const string DropFunction = "DROP FUNCTION set_updated_at();";

    // Identifiers cannot be bound as parameters; the names come from the constant list above, never from input.
    public static string CreateTrigger(string table) =>
        $"CREATE TRIGGER {table}_set_updated_at BEFORE UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION set_updated_at();";

    public static string DropTrigger(string table) => $"DROP TRIGGER {table}_set_updated_at ON {table};";
}
