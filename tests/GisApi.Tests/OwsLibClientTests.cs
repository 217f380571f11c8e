using System.Globalization;
using System.Text.Json;

namespace LandInventory.GisApi.Tests;

/// <summary>
/// OWSLib, the Python OGC client (Debian's python3-owslib, Clients/owslib_client.py), reads every collection over a real
/// socket; what it sees is checked against PostGIS: counts, ids, filters, a box and EPSG:4544 coordinates.
/// </summary>
public sealed class OwsLibClientTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> CodesAsync(string sql) => await api.Database.ScalarAsync<string>(
        $"SELECT coalesce(string_agg(k, ',' ORDER BY k COLLATE \"C\"), '') FROM ({sql}) s(k)");

    private static string Joined(JsonElement ids) => string.Join(",", ids.EnumerateArray().Select(i => i.GetString()));

    [Fact]
    public async Task OwsLib_ReadsEveryCollection_AsPostGisHasIt()
    {
        await using var server = KestrelServer.Start(api.Database.ConnectionString, out var baseUrl, ("Warmup:Enabled", "false"));
        using var seen = await PythonClient.RunAsync("owslib_client.py", baseUrl);
        var root = seen.RootElement;

        var tables = new Dictionary<string, (string Table, string Key)>
        {
            ["areas"] = ("areas", "id"), ["parcels"] = ("land_parcels", "code"),
            ["carriers"] = ("industrial_carriers", "code"), ["buildings"] = ("buildings", "code"),
        };
        var collections = root.GetProperty("collections");
        Assert.Equal(tables.Keys.Order(), collections.EnumerateObject().Select(c => c.Name).Order());
        foreach (var (id, (table, key)) in tables)
        {
            var collection = collections.GetProperty(id);
            Assert.Equal(await api.Database.ScalarAsync<long>($"SELECT count(*) FROM {table}"), collection.GetProperty("matched").GetInt64());
            Assert.Equal(await CodesAsync($"SELECT {key} FROM {table}"), Joined(collection.GetProperty("ids")));
            Assert.NotEmpty(collection.GetProperty("queryables").EnumerateArray());
        }

        Assert.Contains("availableFrom", collections.GetProperty("parcels").GetProperty("queryables").EnumerateArray().Select(q => q.GetString()));
        Assert.Equal(await CodesAsync("SELECT code FROM land_parcels WHERE status = 'available'"), Joined(root.GetProperty("available")));
        Assert.Equal(await CodesAsync("SELECT code FROM land_parcels WHERE available_from >= DATE '2025-06-01'"), Joined(root.GetProperty("fromJune")));
        Assert.Equal(await CodesAsync("SELECT code FROM industrial_carriers WHERE ST_Intersects(location, ST_MakeEnvelope(104.2, 30.5, 104.3, 30.6, 4326))"),
            Joined(root.GetProperty("inBox")));

        // EPSG:4544 in its own axis order (northing, easting), as PostGIS transforms the same points, within a millimetre.
        var expected = (await api.Database.ScalarAsync<string>(
                "SELECT string_agg(code || ' ' || ST_Y(ST_Transform(location, 4544)) || ' ' || ST_X(ST_Transform(location, 4544)), ';') FROM industrial_carriers"))
            .Split(';').Select(r => r.Split(' ')).ToDictionary(r => r[0], r => (N: double.Parse(r[1], CultureInfo.InvariantCulture), E: double.Parse(r[2], CultureInfo.InvariantCulture)));
        var gaussKruger = root.GetProperty("gaussKruger");
        Assert.Equal(expected.Count, gaussKruger.EnumerateObject().Count());
        foreach (var carrier in gaussKruger.EnumerateObject())
        {
            var (n, e) = expected[carrier.Name];
            Assert.InRange(carrier.Value[0].GetDouble(), n - 0.001, n + 0.001);
            Assert.InRange(carrier.Value[1].GetDouble(), e - 0.001, e + 0.001);
        }
    }
}
