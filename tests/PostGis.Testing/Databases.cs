using Npgsql;

namespace LandInventory.PostGis.Testing;

/// <summary>Creating and dropping whole databases on the test server.</summary>
public static class Databases
{
    /// <summary>Creates a database with a fresh name (empty, or a copy of <paramref name="template"/>); returns the name.</summary>
    public static async Task<string> CreateAsync(string adminConnectionString, string? template, string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using var admin = new NpgsqlConnection(adminConnectionString);
        await admin.OpenAsync();
        // Database names cannot be parameters; both are made here from a GUID, never from input.
        var sql = template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var create = new NpgsqlCommand(sql, admin);
                await create.ExecuteNonQueryAsync();
                break;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 10)
            {
                // Another class is copying the same template this instant; copies are serialised by the server.
                await Task.Delay(100 * attempt);
            }
        }

        if (template is null)
        {
            // Unpooled, so that no idle connection keeps the new database busy (it may become a template).
            await using var db = new NpgsqlConnection(
                new NpgsqlConnectionStringBuilder(ConnectionStringFor(adminConnectionString, name)) { Pooling = false }.ConnectionString);
            await db.OpenAsync();
            await using var postgis = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS postgis", db);
            await postgis.ExecuteNonQueryAsync();
        }

        return name;
    }

    public static async Task DropAsync(string adminConnectionString, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    public static string ConnectionStringFor(string adminConnectionString, string database) =>
        new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database }.ConnectionString;
}
