using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using LandInventory.Data.Spatial;
using LandInventory.GisApi.Map;
using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests;

/// <summary>The map page's base-map settings, and its GCJ-02 → WGS84 step agreeing with the API's own.</summary>
public sealed class MapConfigTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    [Fact]
    public async Task Config_SaysWhatTheOperatorConfigured_AndNothingByDefault()
    {
        await using var amap = new ApiFactory(api.Database.ConnectionString,
            ("Map:BaseTileUrl", "http://tiles.example/{z}/{x}/{y}.png"), ("Map:BaseTileCrs", "gcj02"), ("Map:BaseTileAttribution", "© AMap"));

        var plain = await api.Factory.CreateClient().GetFromJsonAsync<MapConfig>("/map/config.json", TestContext.Current.CancellationToken);
        var configured = await amap.CreateClient().GetFromJsonAsync<MapConfig>("/map/config.json", TestContext.Current.CancellationToken);

        Assert.Equal(new MapConfig(null, "wgs84", null), plain);
        Assert.Equal(new MapConfig("http://tiles.example/{z}/{x}/{y}.png", "gcj02", "© AMap"), configured);
    }

    [Theory]
    [InlineData(104.27, 30.59)]
    [InlineData(104.19, 30.64)]
    public async Task PageGcj02Inverse_AgreesWithTheApis_ToACentimetre(double lon, double lat)
    {
        var gcj = ChineseMapOffsets.Wgs84ToGcj02(lon, lat);
        var expected = ChineseMapOffsets.Gcj02ToWgs84(gcj.Lon, gcj.Lat);
        var script = string.Create(CultureInfo.InvariantCulture,
            $"import('./src/gcj02.js').then(m => console.log(JSON.stringify(m.toWgs84([{gcj.Lon:R}, {gcj.Lat:R}]))))");
        var start = new ProcessStartInfo("node", ["--input-type=module", "-e", script])
        {
            WorkingDirectory = Path.Combine(RepositoryFiles.Root, "src", "GisApi", "Map"),
            RedirectStandardOutput = true,
        };

        using var node = Process.Start(start)!;
        var output = await node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);

        var page = System.Text.Json.JsonSerializer.Deserialize<double[]>(output)!;
        // 1e-7 degrees is about a centimetre; both land within a millimetre of the original WGS84 point.
        Assert.Equal(expected.Lon, page[0], 7);
        Assert.Equal(expected.Lat, page[1], 7);
        Assert.Equal(lon, page[0], 7);
        Assert.Equal(lat, page[1], 7);
    }
}
