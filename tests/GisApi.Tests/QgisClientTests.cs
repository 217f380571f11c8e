using System.Globalization;
using System.Text.Json;

namespace LandInventory.GisApi.Tests;

/// <summary>
/// QGIS's own OGC API – Features provider (Debian's python3-qgis 3.22, headless; Clients/qgis_client.py) loads every
/// layer over a real socket, and a QGIS user's date and attribute filters give what PostGIS gives — 3.22 sends a date
/// filter as <c>datetime</c> and trusts the answer, so a wrong meaning of it shows as an empty or wrong layer.
/// </summary>
public sealed class QgisClientTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private async Task<string> CodesAsync(string sql) => await api.Database.ScalarAsync<string>(
        $"SELECT coalesce(string_agg(k, ',' ORDER BY k COLLATE \"C\"), '') FROM ({sql}) s(k)");

    private static string Joined(JsonElement ids) =>
        string.Join(",", ids.EnumerateArray().Select(i => i.GetString()).Order(StringComparer.Ordinal));

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
            Assert.Equal(await CodesAsync($"SELECT {key} FROM {table}"), Joined(loaded.GetProperty("ids")));
        }

        Assert.Contains("availableFrom", root.GetProperty("parcels").GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(await CodesAsync("SELECT code FROM land_parcels WHERE available_from >= DATE '2025-06-01'"), Joined(root.GetProperty("fromJune")));
        Assert.Equal(await CodesAsync("SELECT code FROM land_parcels WHERE available_from <= DATE '2025-06-20'"), Joined(root.GetProperty("untilJune20")));
        Assert.Equal(await CodesAsync("SELECT code FROM land_parcels WHERE status = 'available'"), Joined(root.GetProperty("available")));

        // QGIS's EPSG:4544 of the points the service sent, against PostGIS's of the stored ones, within a millimetre.
        var expected = (await api.Database.ScalarAsync<string>(
                "SELECT string_agg(code || ' ' || ST_X(ST_Transform(location, 4544)) || ' ' || ST_Y(ST_Transform(location, 4544)), ';') FROM industrial_carriers"))
            .Split(';').Select(r => r.Split(' '))
            .ToDictionary(r => r[0], r => (X: double.Parse(r[1], CultureInfo.InvariantCulture), Y: double.Parse(r[2], CultureInfo.InvariantCulture)));
        var projected = root.GetProperty("gaussKruger");
        Assert.Equal(expected.Count, projected.EnumerateObject().Count());
        foreach (var carrier in projected.EnumerateObject())
        {
            var (x, y) = expected[carrier.Name];
            Assert.InRange(carrier.Value[0].GetDouble(), x - 0.001, x + 0.001);
            Assert.InRange(carrier.Value[1].GetDouble(), y - 0.001, y + 0.001);
        }
    }
}
