using System.Net;
using System.Text.Json;

namespace LandInventory.GisApi.Tests;

/// <summary>OGC API – Features Part 3: CQL2 text filters, attribute filters, sortby and properties, against SQL.</summary>
public sealed class OgcFilterTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> Filters => new()
    {
        { "parcels", "status = 'available' AND netSiteAreaSqm > 40000", "SELECT code FROM land_parcels WHERE status = 'available' AND net_site_area_sqm > 40000" },
        { "parcels", "landUse IN ('commercialService') AND nameEn LIKE '%Lake%'", "SELECT code FROM land_parcels WHERE land_use = 'commercial_service' AND name_en LIKE '%Lake%'" },
        { "parcels", "NOT (status = 'available') OR plotRatioMax >= 4", "SELECT code FROM land_parcels WHERE NOT (status = 'available') OR plot_ratio_max >= 4" },
        { "parcels", "plotRatioMin IS NULL AND leaseTermYears = 40", "SELECT code FROM land_parcels WHERE plot_ratio_min IS NULL AND lease_term_years = 40" },
        { "parcels", "netSiteAreaSqm BETWEEN 20000 AND 40000", "SELECT code FROM land_parcels WHERE net_site_area_sqm BETWEEN 20000 AND 40000" },
        { "parcels", "availableFrom < DATE('2025-06-01') AND areaId <> 'shiling'", "SELECT code FROM land_parcels WHERE available_from < '2025-06-01' AND area_id <> 'shiling'" },
        { "parcels", "S_INTERSECTS(geometry, BBOX(104.25,30.57,104.30,30.62))", "SELECT code FROM land_parcels WHERE ST_Intersects(boundary, ST_MakeEnvelope(104.25, 30.57, 104.30, 30.62, 4326))" },
        { "parcels", "S_DWITHIN(geometry, POINT(104.27 30.59), 1500, meters)", "SELECT code FROM land_parcels WHERE ST_DWithin(boundary::geography, ST_SetSRID(ST_MakePoint(104.27, 30.59), 4326)::geography, 1500)" },
        { "carriers", "A_CONTAINS(industries, ('digitalEconomy', 'artificialIntelligence')) AND vacantFloorAreaSqm >= 5000", "SELECT code FROM industrial_carriers WHERE industries @> ARRAY['digital_economy', 'artificial_intelligence']::industry[] AND vacant_floor_area_sqm >= 5000" },
        { "carriers", "S_INTERSECTS(geometry, POLYGON((104.2 30.5,104.3 30.5,104.3 30.56,104.2 30.56,104.2 30.5))) AND kind = 'standardFactory'", "SELECT code FROM industrial_carriers WHERE ST_Intersects(location, ST_GeomFromText('POLYGON((104.2 30.5,104.3 30.5,104.3 30.56,104.2 30.56,104.2 30.5))', 4326)) AND kind = 'standard_factory'" },
        { "buildings", "carrierCode = 'JK-ZT-003' OR category = 'aging'", "SELECT b.code FROM buildings b LEFT JOIN industrial_carriers c ON c.id = b.carrier_id WHERE c.code = 'JK-ZT-003' OR b.category = 'aging'" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Filter_SelectsWhatTheSameSqlSelects(string collection, string filter, string sql)
    {
        var ids = await api.ItemIdsAsync($"/ogc/collections/{collection}/items?limit=1000&filter={Uri.EscapeDataString(filter)}");

        var expected = await api.Database.ScalarAsync<string>($"SELECT coalesce(string_agg(code, ',' ORDER BY code COLLATE \"C\"), '') FROM ({sql}) s");
        Assert.NotEmpty(expected);
        Assert.Equal(expected, string.Join(',', ids.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task AttributeFilters_SortBy_AndProperties_Combine()
    {
        using var response = await api.Factory.CreateClient().GetAsync(new Uri(
            "/ogc/collections/parcels/items?status=available&landUse=residential&sortby=-netSiteAreaSqm&properties=code,netSiteAreaSqm&limit=100",
            UriKind.Relative), Ct);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        var features = page.RootElement.GetProperty("features").EnumerateArray().ToList();
        var expected = await api.Database.ScalarAsync<string>(
            "SELECT string_agg(code, ',' ORDER BY net_site_area_sqm DESC, code) FROM land_parcels WHERE status = 'available' AND land_use = 'residential'");
        Assert.Equal(expected, string.Join(',', features.Select(f => f.GetProperty("id").GetString())));
        Assert.All(features, f => Assert.Equal(["code", "netSiteAreaSqm"],
            f.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray()));
        Assert.Contains(page.RootElement.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "self"
            && l.GetProperty("href").GetString()!.Contains("sortby=-netSiteAreaSqm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AttributeFilter_OnAList_MeansHolds()
    {
        var ids = await api.ItemIdsAsync("/ogc/collections/carriers/items?industries=intelligentConnectedVehicles&limit=100");

        var expected = await api.Database.ScalarAsync<string>(
            "SELECT string_agg(code, ',' ORDER BY code) FROM industrial_carriers WHERE 'intelligent_connected_vehicles' = ANY(industries)");
        Assert.Equal(expected, string.Join(',', ids));
    }

    [Theory]
    [InlineData("filter=status = 'sold'", "'sold' is not one of available, reserved, underNegotiation, transferred, withdrawn for status")]
    [InlineData("filter=netSiteAreaSqm > 'big'", "'big' is not a number for netSiteAreaSqm")]
    [InlineData("filter=height > 3", "'height' is not a queryable of this collection")]
    [InlineData("filter=status = ", "expected a literal")]
    [InlineData("filter=nameEn < 'b'", "nameEn can be compared with = and <> only")]
    [InlineData("filter=S_INTERSECTS(geometry, POLYGON((0 0, 1 1, 1 0, 0 1, 0 0)))", "is not a valid geometry")]
    [InlineData("filter=S_DWITHIN(geometry, POINT(104 30), 3, feet)", "S_DWITHIN takes its distance in meters")]
    [InlineData("filter=(((((((((((((((((((((((((((((((status = 'available')))))))))))))))))))))))))))))))", "nested deeper than 30")]
    [InlineData("filter-lang=cql2-json&filter=x", "filter-lang: 'cql2-json' is not offered")]
    [InlineData("sortby=-height", "sortby: 'height' is not a queryable")]
    [InlineData("properties=code,secret", "properties: 'secret' is not a property")]
    [InlineData("status=sold", "'sold' is not one of")]
    public async Task BadFilters_Are400_SayingWhy(string query, string expected)
    {
        using var response = await api.Factory.CreateClient().GetAsync(
            new Uri($"/ogc/collections/parcels/items?{string.Join('&', query.Split('&').Select(Encode))}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queryables_DescribeTypesAndValues()
    {
        using var response = await api.Factory.CreateClient().GetAsync(new Uri("/ogc/collections/carriers/queryables", UriKind.Relative), Ct);
        using var schema = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        var properties = schema.RootElement.GetProperty("properties");
        Assert.Equal("number", properties.GetProperty("floorLoadKnPerSqm").GetProperty("type").GetString());
        Assert.Contains(properties.GetProperty("industries").GetProperty("items").GetProperty("enum").EnumerateArray(),
            v => v.GetString() == "intelligentConnectedVehicles");
        Assert.Equal("geometry-point", properties.GetProperty("geometry").GetProperty("format").GetString());
    }

    [Fact]
    public async Task EveryCollection_LinksItsQueryables_AsPart3Names_TheRelation()
    {
        // A client that follows the relation (not a path it guessed) finds each collection's queryables.
        var client = api.Factory.CreateClient();
        using var collections = JsonDocument.Parse(await client.GetStringAsync("/ogc/collections", Ct));
        foreach (var collection in collections.RootElement.GetProperty("collections").EnumerateArray())
        {
            var link = collection.GetProperty("links").EnumerateArray()
                .Single(l => l.GetProperty("rel").GetString() == "http://www.opengis.net/def/rel/ogc/1.0/queryables");
            using var response = await client.GetAsync(new Uri(new Uri(link.GetProperty("href").GetString()!).PathAndQuery, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var schema = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            Assert.NotEmpty(schema.RootElement.GetProperty("properties").EnumerateObject());
        }
    }

    private static string Encode(string pair)
    {
        var i = pair.IndexOf('=', StringComparison.Ordinal);
        return $"{pair[..i]}={Uri.EscapeDataString(pair[(i + 1)..])}";
    }
}
