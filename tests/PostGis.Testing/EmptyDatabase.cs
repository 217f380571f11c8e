using LandInventory.Data;
using Npgsql;

namespace LandInventory.PostGis.Testing;

/// <summary>A database with PostGIS and nothing else, for tests of the migrations themselves; dropped on dispose.</summary>
public sealed class EmptyDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;
    private readonly string _name;

    private EmptyDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        _name = name;
        ConnectionString = Databases.ConnectionStringFor(adminConnectionString, name);
    }

    public string ConnectionString { get; }

    public static async Task<EmptyDatabase> CreateAsync(PostGisServer server) =>
        new(server.AdminConnectionString, await Databases.CreateAsync(server.AdminConnectionString, template: null, "li_empty"));

    public InventoryDbContext CreateContext() => InventoryDatabase.CreateContext(ConnectionString);

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public ValueTask DisposeAsync() => new(Databases.DropAsync(_adminConnectionString, _name));
}
