using LandInventory.PostGis.Testing;
using Xunit;

namespace LandInventory.GisApi.Tests;

/// <summary>A class fixture: the API over a database of its own holding data/geojson, imported by the real importer.</summary>
public sealed class InventoryApi(PostGisServer server) : IAsyncLifetime
{
    public InventoryTestDatabase Database { get; } = new(server);

    public ApiFactory Factory { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        await InventoryData.ImportAsync(Database.ConnectionString);

        Factory = new ApiFactory(Database.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
