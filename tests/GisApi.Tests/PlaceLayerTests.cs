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

    [Theory]
    [InlineData("parcels", "land_parcels", "boundary")]
    [InlineData("carriers", "industrial_carriers", "location")]
    [InlineData("buildings", "buildings", "footprint")]
    public async Task OnRequest_EachSiteCarriesItsNearestPlaceOfEveryKind_AsPostGisMeasuresItOnTheSpheroid(string layer, string table, string geometry)
    {
        using var response = await api.Factory.CreateClient().GetAsync($"/ogc/collections/{layer}/items?limit=1000&nearestPlaces=true", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var seen = page.RootElement.GetProperty("features").EnumerateArray()
            .SelectMany(f => f.GetProperty("properties").GetProperty("nearestPlaces").EnumerateObject()
                .Select(k => $"{f.GetProperty("id").GetString()}|{k.Name}|{k.Value.GetProperty("id").GetString()}|{k.Value.GetProperty("distanceM").GetDouble():F1}"))
            .Order(StringComparer.Ordinal).ToList();

        // The oracle: every place of each kind measured on the spheroid, the nearest kept (no index, no candidates).
        var expected = new List<string>();
        await using (var connection = await api.Database.OpenAsync())
        await using (var command = new Npgsql.NpgsqlCommand($"""
            SELECT DISTINCT ON (t.code, p.kind) t.code, p.kind::text, p.id,
                   round(ST_Distance(p.location::geography, t.{geometry}::geography, true)::numeric, 1)::float8
            FROM {table} t CROSS JOIN places p
            ORDER BY t.code, p.kind, ST_Distance(p.location::geography, t.{geometry}::geography, true), p.id
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                expected.Add($"{reader.GetString(0)}|{LandInventory.Data.EnumNames.OfLabel(reader.GetString(1))}|{reader.GetString(2)}|{reader.GetDouble(3):F1}");
            }
        }

        expected.Sort(StringComparer.Ordinal);
        Assert.Equal(await api.Database.ScalarAsync<long>($"SELECT count(*) FROM {table}") * Enum.GetValues<LandInventory.Data.Places.PlaceKind>().Length,
            expected.Count);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task APlainPage_CarriesNoNearestPlaces_AndAreasOffersNone()
    {
        var client = api.Factory.CreateClient();
        using var plain = JsonDocument.Parse(await client.GetStringAsync("/ogc/collections/parcels/items?limit=1", Ct));
        Assert.False(plain.RootElement.GetProperty("features")[0].GetProperty("properties").TryGetProperty("nearestPlaces", out _));
        var code = await api.Database.ScalarAsync<string>("SELECT code FROM land_parcels ORDER BY code LIMIT 1");
        using var one = JsonDocument.Parse(await client.GetStringAsync($"/ogc/collections/parcels/items/{Uri.EscapeDataString(code)}?nearestPlaces=true", Ct));
        Assert.Equal(Enum.GetValues<LandInventory.Data.Places.PlaceKind>().Length,
            one.RootElement.GetProperty("properties").GetProperty("nearestPlaces").EnumerateObject().Count());
        using var areas = await client.GetAsync("/ogc/collections/areas/items?nearestPlaces=true", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, areas.StatusCode);
        using var wrong = await client.GetAsync("/ogc/collections/parcels/items?nearestPlaces=yes", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        using var past = await client.GetAsync("/ogc/collections/parcels/items?nearestPlaces=true&asOf=2026-01-01T00:00:00Z", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
    }
}
