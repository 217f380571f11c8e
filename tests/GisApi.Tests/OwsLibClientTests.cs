using System.Text.Json;

namespace LandInventory.GisApi.Tests;

/// <summary>
/// OWSLib, the Python OGC client (Debian's python3-owslib, Clients/owslib_client.py), reads every collection over a real
/// socket; what it sees is checked against PostGIS: counts, ids, filters, a box and EPSG:4544 coordinates.
/// </summary>
public sealed class OwsLibClientTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OwsLib_ReadsEveryCollection_AsPostGisHasIt()
    {
        await using var server = KestrelServer.Start(api.Database.ConnectionString, out var baseUrl, ("Warmup:Enabled", "false"));
        using var seen = await PythonClient.RunAsync("owslib_client.py", baseUrl);
        var root = seen.RootElement;

        // Every layer of the schema, each against its own table.
        var tables = LandInventory.Data.Layers.All.ToDictionary(l => l.Name, l => (l.Table, l.Key));
        var collections = root.GetProperty("collections");
        Assert.Equal(tables.Keys.Order(), collections.EnumerateObject().Select(c => c.Name).Order());
        foreach (var (id, (table, key)) in tables)
        {
            var collection = collections.GetProperty(id);
            Assert.Equal(await api.Database.ScalarAsync<long>($"SELECT count(*) FROM {table}"), collection.GetProperty("matched").GetInt64());
            Assert.Equal(await PythonClient.CodesAsync(api.Database, $"SELECT {key} FROM {table}"), PythonClient.Joined(collection.GetProperty("ids")));
            Assert.NotEmpty(collection.GetProperty("queryables").EnumerateArray());
        }

        Assert.Contains("availableFrom", collections.GetProperty("parcels").GetProperty("queryables").EnumerateArray().Select(q => q.GetString()));
        Assert.Equal(await PythonClient.CodesAsync(api.Database, "SELECT code FROM land_parcels WHERE status = 'available'"), PythonClient.Joined(root.GetProperty("available")));
        Assert.Equal(await PythonClient.CodesAsync(api.Database, "SELECT code FROM land_parcels WHERE available_from >= DATE '2025-06-01'"), PythonClient.Joined(root.GetProperty("fromJune")));
        Assert.Equal(await PythonClient.CodesAsync(api.Database, "SELECT code FROM industrial_carriers WHERE ST_Intersects(location, ST_MakeEnvelope(104.2, 30.5, 104.3, 30.6, 4326))"),
            PythonClient.Joined(root.GetProperty("inBox")));

        // EPSG:4544, against PostGIS's transform of the stored points, within a millimetre.
        await PythonClient.AssertCarriersIn4544Async(api.Database, root.GetProperty("gaussKruger"), northingFirst: true);
    }
}
