using LandInventory.Data;
using LandInventory.PostGis.Testing;
using Npgsql;

namespace LandInventory.GisApi.Tests;

/// <summary>
/// The database as the API's own role sees it: a login made for the test, a member of <see cref="RuntimeRole.Name"/>,
/// and statements run in a transaction that names its writer as the API's do — what row security is tested with.
/// </summary>
public static class RuntimeRoleConnection
{
    public static async Task<NpgsqlConnection> OpenAsync(InventoryTestDatabase database, CancellationToken ct)
    {
        var name = $"li_rls_{Guid.NewGuid():N}"[..20];
        var password = Guid.NewGuid().ToString("N");
        await database.ScalarAsync<object>($"CREATE ROLE {name} LOGIN PASSWORD '{password}' IN ROLE {RuntimeRole.Name}");
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = name, Password = password }.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>One statement's single value, in a transaction naming bureau <paramref name="steward"/> and every bureau or not.</summary>
    public static async Task<T> AsWriterAsync<T>(NpgsqlConnection connection, string steward, bool everyBureau, string sql, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var set = new NpgsqlCommand(Data.History.HistoryTriggers.SetWriterSql, connection, transaction);
        set.Parameters.AddWithValue("actor", "test");
        set.Parameters.AddWithValue("steward", steward);
        set.Parameters.AddWithValue("every", everyBureau ? "on" : "off");
        await set.ExecuteNonQueryAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }
}
