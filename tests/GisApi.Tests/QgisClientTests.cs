using System.Text.Json;

namespace LandInventory.GisApi.Tests;

/// <summary>
/// QGIS's own OGC API – Features provider (Debian's python3-qgis 3.22, headless; Clients/qgis_client.py) loads every
/// layer over a real socket, and a QGIS user's date and attribute filters give what PostGIS gives — 3.22 sends a date
/// filter as <c>datetime</c> and trusts the answer, so a wrong meaning of it shows as an empty or wrong layer.
/// </summary>
public sealed class QgisClientTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    [Fact]
    public async Task QgisLayers_Load_AndItsFilters_SelectWhatPostGisSelects()
    {
        await using var server = KestrelServer.Start(api.Database.ConnectionString, out var baseUrl, ("Warmup:Enabled", "false"));
        using var seen = await PythonClient.RunAsync("qgis_client.py", baseUrl);
        var root = seen.RootElement;

        foreach (var (layer, table, key) in new[]
                 {
                     ("areas", "areas", "id"), ("parcels", "land_parcels", "code"),
                     ("carriers", "industrial_carriers", "code"), ("buildings", "buildings", "code"),
                 })
        {
            var loaded = root.GetProperty(layer);
            Assert.True(loaded.GetProperty("valid").GetBoolean(), $"QGIS could not load {layer}");
            Assert.Equal(await PythonClient.CodesAsync(api.Database, $"SELECT {key} FROM {table}"), PythonClient.Joined(loaded.GetProperty("ids")));
        }

        Assert.Contains("availableFrom", root.GetProperty("parcels").GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(await PythonClient.CodesAsync(api.Database, "SELECT code FROM land_parcels WHERE available_from >= DATE '2025-06-01'"), PythonClient.Joined(root.GetProperty("fromJune")));
        Assert.Equal(await PythonClient.CodesAsync(api.Database, "SELECT code FROM land_parcels WHERE available_from <= DATE '2025-06-20'"), PythonClient.Joined(root.GetProperty("untilJune20")));
        Assert.Equal(await PythonClient.CodesAsync(api.Database, "SELECT code FROM land_parcels WHERE status = 'available'"), PythonClient.Joined(root.GetProperty("available")));

        // EPSG:4544, against PostGIS's transform of the stored points, within a millimetre.
        await PythonClient.AssertCarriersIn4544Async(api.Database, root.GetProperty("gaussKruger"), northingFirst: false);
    }
}
