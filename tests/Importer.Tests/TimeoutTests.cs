using LandInventory.Import;
using LandInventory.PostGis.Testing;
using Npgsql;
using static LandInventory.Importer.Tests.ImporterHarness;

namespace LandInventory.Importer.Tests;

/// <summary>
/// An import's statements are not cut off by Npgsql's 30-second default: a million parcels' merge outlives it. A limit
/// the connection string sets is kept, and holds.
/// </summary>
public sealed class TimeoutTests(PostGisServer server)
{
    [Fact]
    public async Task ImportConnections_HaveNoClientSideTimeout_ByDefault()
    {
        await using var database = await InventoryTestDatabase.CreateAsync(server);
        Assert.NotEqual(0, new NpgsqlConnectionStringBuilder(database.ConnectionString).CommandTimeout);
        await using var source = ImportRun.CreateDataSource(database.ConnectionString);
        await using var connection = await source.OpenConnectionAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT 1", connection);

        Assert.Equal(0, command.CommandTimeout);
    }

    [Fact]
    public async Task ACommandTimeoutTheConnectionStringSets_IsKept_AndCutsALongerStatement()
    {
        await using var database = await InventoryTestDatabase.CreateAsync(server);
        await using var source = ImportRun.CreateDataSource($"{database.ConnectionString};Command Timeout=1");
        await using var connection = await source.OpenConnectionAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT pg_sleep(3)", connection);

        Assert.Equal(1, command.CommandTimeout);
        var failure = await Assert.ThrowsAnyAsync<NpgsqlException>(() => command.ExecuteNonQueryAsync(Ct));
        Assert.IsType<TimeoutException>(failure.InnerException);
    }
}
