using System.Net;
using System.Text.Json;
using LandInventory.Import;
using LandInventory.Import.Places;

namespace LandInventory.GisApi.Tests;

/// <summary>
/// The places investors ask about: a layer like the others (OGC, OData by kind, against PostGIS), whose locations may
/// lie beyond the zone but not beyond the region — there a mistaken system is still caught.
/// </summary>
public sealed class PlaceLayerTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThePlaces_AreServedByOgcAndOData_AsPostGisHasThem()
    {
        var ids = await api.ItemIdsAsync("/ogc/collections/places/items?limit=1000");
        Assert.Equal((await api.Database.ScalarAsync<string>("SELECT string_agg(id, ',' ORDER BY id COLLATE \"C\") FROM places")).Split(','),
            ids.Order(StringComparer.Ordinal));
        Assert.Contains("airport-tianfu", ids); // beyond the zone, within the region

        using var response = await api.Factory.CreateClient().GetAsync("/odata/Places?$filter=kind eq 'metroStation'&$select=id&$orderby=id", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var metro = page.RootElement.GetProperty("value").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList();
        Assert.Equal((await api.Database.ScalarAsync<string>(
            "SELECT string_agg(id, ',' ORDER BY id) FROM places WHERE kind = 'metro_station'")).Split(','), metro);
        Assert.True(metro.Count >= 10);
    }

    [Fact]
    public async Task APlaceOutsideTheRegion_IsRefused_SayingWhichMistakeItLooksLike()
    {
        // Lat/lon order: (30.57, 104.25) read as lon, lat lies far outside the region.
        const string feature = """
            {"type":"Feature","geometry":{"type":"Point","coordinates":[30.57,104.25]},
             "properties":{"id":"expressway-swapped","kind":"expresswayEntrance","nameZh":"测试出入口","nameEn":"Test entrance"}}
            """;
        using var source = ImportRun.CreateDataSource(api.Database.ConnectionString);
        var result = await new ImportRun(source, new ImportOptions(DryRun: true, EveryBureau: true), LandInventory.GisApi.Editing.NoProgress.Instance)
            .RunAsync([ImportInput.FromBytes("swapped.geojson", PlaceImport.Layer, System.Text.Encoding.UTF8.GetBytes(feature))], Ct);

        var problem = Assert.Single(result.Problems.Kept);
        Assert.Equal("geometry", problem.Field);
        Assert.Contains("outside the region (103.4–105 E, 30–31.5 N)", problem.Message, StringComparison.Ordinal);
        Assert.Contains("longitude and latitude look swapped", problem.Message, StringComparison.Ordinal);
    }
}
