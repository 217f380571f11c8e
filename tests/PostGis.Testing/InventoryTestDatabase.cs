using LandInventory.Data;
using Npgsql;
using Xunit;

namespace LandInventory.PostGis.Testing;

/// <summary>
/// A migrated, empty inventory database of a test class's own (<c>IClassFixture&lt;InventoryTestDatabase&gt;</c>),
/// or of one test (<see cref="CreateAsync"/>), dropped when the class or test is done.
/// </summary>
public sealed class InventoryTestDatabase(PostGisServer server) : IAsyncLifetime
{
    private string _name = "";
    private NpgsqlDataSource? _dataSource;

    public string ConnectionString { get; private set; } = "";

    public PostGisServer Server => server;

    /// <summary>A database for one test that must start from nothing.</summary>
    public static async Task<InventoryTestDatabase> CreateAsync(PostGisServer server)
    {
        var database = new InventoryTestDatabase(server);
        await database.InitializeAsync();
        return database;
    }

    public async ValueTask InitializeAsync()
    {
        _name = await Databases.CreateAsync(server.AdminConnectionString, server.Template.Name, "li_test");
        ConnectionString = Databases.ConnectionStringFor(server.AdminConnectionString, _name);
        var builder = new NpgsqlDataSourceBuilder(ConnectionString);
        builder.UseNetTopologySuite();
        _dataSource = builder.Build();
    }

    public InventoryDbContext CreateContext() => InventoryDatabase.CreateContext(ConnectionString);

    /// <summary>Runs SQL and returns the first column of the first row: for asking PostGIS itself (the oracle).</summary>
    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A plain Npgsql connection (with NetTopologySuite types) to this class's database.</summary>
    public ValueTask<NpgsqlConnection> OpenAsync() => _dataSource!.OpenConnectionAsync();

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        await Databases.DropAsync(server.AdminConnectionString, _name);
    }
}
