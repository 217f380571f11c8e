using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace LandInventory.GisApi.Tests;

/// <summary>Spatial search answers compared with the same question put to PostGIS in SQL.</summary>
public sealed class SearchTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("carriers", "industrial_carriers", "location", 104.27, 30.59, 3)]
    [InlineData("parcels", "land_parcels", "boundary", 104.19, 30.64, 5)]
    [InlineData("buildings", "buildings", "footprint", 104.25, 30.54, 4)]
    public async Task Nearest_IsPostGisGeodesicOrder_WithItsDistances(string layer, string table, string column, double lon, double lat, int count)
    {
        using var result = await GetAsync($"/search/nearest?layer={layer}&lon={lon}&lat={lat}&count={count}");

        var expected = await api.Database.ScalarAsync<string>($"""
            SELECT string_agg(code || '@' || round(d::numeric, 2), ',' ORDER BY d, code COLLATE "C") FROM (
              SELECT code, ST_Distance({column}::geography, ST_SetSRID(ST_MakePoint(@lon, @lat), 4326)::geography) AS d
              FROM {table} ORDER BY d, code COLLATE "C" LIMIT @n) s
            """, ("lon", lon), ("lat", lat), ("n", count));
        Assert.Equal(expected, Ranked(result));
    }

    [Fact]
    public async Task Within_IsPostGisDWithin_NearestFirst()
    {
        using var result = await GetAsync("/search/within?layer=parcels&lon=104.27&lat=30.59&radius=2000");

        var expected = await api.Database.ScalarAsync<string>("""
            SELECT string_agg(code || '@' || round(d::numeric, 2), ',' ORDER BY d, code) FROM (
              SELECT code, ST_Distance(boundary::geography, ST_SetSRID(ST_MakePoint(104.27, 30.59), 4326)::geography) AS d
              FROM land_parcels WHERE ST_DWithin(boundary::geography, ST_SetSRID(ST_MakePoint(104.27, 30.59), 4326)::geography, 2000)) s
            """);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Ranked(result));
    }

    [Fact]
    public async Task Here_ListsEveryLayerAtThePoint()
    {
        using var result = await GetAsync("/search/here?lon=104.2557&lat=30.5872");

        var found = result.RootElement.GetProperty("features").EnumerateArray()
            .Select(f => $"{f.GetProperty("layer").GetString()}:{f.GetProperty("id").GetString()}").Order(StringComparer.Ordinal);
        var expected = await api.Database.ScalarAsync<string>("""
            SELECT string_agg(x, ',' ORDER BY x COLLATE "C") FROM (
              SELECT 'areas:' || id AS x FROM areas WHERE ST_Intersects(boundary, ST_SetSRID(ST_MakePoint(104.2557, 30.5872), 4326))
              UNION ALL SELECT 'parcels:' || code FROM land_parcels WHERE ST_Intersects(boundary, ST_SetSRID(ST_MakePoint(104.2557, 30.5872), 4326))
              UNION ALL SELECT 'buildings:' || code FROM buildings WHERE ST_Intersects(footprint, ST_SetSRID(ST_MakePoint(104.2557, 30.5872), 4326))) s
            """);
        Assert.Equal(expected, string.Join(',', found));
        Assert.Contains("parcels:", expected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Intersecting_APostedPolygon_IsPostGisIntersects()
    {
        const string polygon = """{"type":"Polygon","coordinates":[[[104.25,30.57],[104.30,30.57],[104.30,30.62],[104.25,30.62],[104.25,30.57]]]}""";
        using var response = await PostAsync("/search/intersecting?layer=parcels", polygon);
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        var ids = result.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()).Order(StringComparer.Ordinal);
        var expected = await api.Database.ScalarAsync<string>(
            "SELECT string_agg(code, ',' ORDER BY code COLLATE \"C\") FROM land_parcels WHERE ST_Intersects(boundary, ST_SetSRID(ST_GeomFromGeoJSON(@g), 4326))",
            ("g", polygon));
        Assert.Equal(expected, string.Join(',', ids));
    }

    [Fact]
    public async Task Intersecting_TwoBodiesToOneUrl_GetTheirOwnAnswers()
    {
        const string east = """{"type":"Polygon","coordinates":[[[104.25,30.57],[104.30,30.57],[104.30,30.62],[104.25,30.62],[104.25,30.57]]]}""";
        const string west = """{"type":"Polygon","coordinates":[[[104.16,30.57],[104.22,30.57],[104.22,30.62],[104.16,30.62],[104.16,30.57]]]}""";
        using var first = await PostAsync("/search/intersecting?layer=parcels", east);
        using var second = await PostAsync("/search/intersecting?layer=parcels", west);

        Assert.NotEqual(await first.Content.ReadAsStringAsync(Ct), await second.Content.ReadAsStringAsync(Ct));
        Assert.False(second.Headers.Contains("ETag"), "an answer to a posted body has no URL-named ETag");
    }

    [Fact]
    public async Task Statistics_PerArea_AreWhatSqlSums()
    {
        using var result = await GetAsync("/search/statistics", "application/json");

        foreach (var area in result.RootElement.GetProperty("areas").EnumerateArray())
        {
            var id = area.GetProperty("id").GetString()!;
            Assert.Equal(await api.Database.ScalarAsync<long>("SELECT count(*) FROM land_parcels WHERE area_id = @id", ("id", id)),
                area.GetProperty("parcels").GetInt64());
            var residential = await api.Database.ScalarAsync<decimal>(
                "SELECT coalesce(sum(net_site_area_sqm), 0) FROM land_parcels WHERE area_id = @id AND status = 'available' AND land_use = 'residential'", ("id", id));
            var byUse = area.GetProperty("availableSiteAreaSqmByLandUse");
            Assert.Equal(residential, byUse.TryGetProperty("residential", out var r) ? r.GetDecimal() : 0);
            Assert.Equal(area.GetProperty("parcels").GetInt64(),
                area.GetProperty("parcelsByStatus").EnumerateObject().Sum(s => s.Value.GetInt64()));
            Assert.Equal(await api.Database.ScalarAsync<long>(
                    "SELECT count(*) FROM buildings b JOIN areas a ON ST_Intersects(a.boundary, b.footprint) WHERE a.id = @id", ("id", id)),
                area.GetProperty("buildings").GetInt64());
            var aging = await api.Database.ScalarAsync<decimal>("""
                SELECT coalesce(sum(b.vacant_floor_area_sqm), 0) FROM buildings b JOIN areas a ON ST_Intersects(a.boundary, b.footprint)
                WHERE a.id = @id AND b.category = 'aging'
                """, ("id", id));
            Assert.Equal(aging, area.GetProperty("vacantBuildingFloorAreaSqmByCategory").TryGetProperty("aging", out var g) ? g.GetDecimal() : 0);
        }

        var zone = result.RootElement.GetProperty("zone");
        Assert.Equal(await api.Database.ScalarAsync<long>("SELECT count(*) FROM land_parcels"), zone.GetProperty("parcels").GetInt64());
        Assert.Equal(await api.Database.ScalarAsync<long>("SELECT count(*) FROM industrial_carriers"), zone.GetProperty("carriers").GetInt64());

        var icv = await api.Database.ScalarAsync<decimal>(
            "SELECT sum(vacant_floor_area_sqm) FROM industrial_carriers WHERE 'intelligent_connected_vehicles' = ANY(industries)");
        Assert.Equal(icv, result.RootElement.GetProperty("zone").GetProperty("vacantFloorAreaSqmByIndustry")
            .GetProperty("intelligentConnectedVehicles").GetDecimal());
    }

    [Theory]
    [InlineData("/search/nearest?layer=roads&lon=104.2&lat=30.5", "layer: 'roads' is not one of areas, parcels, carriers, buildings")]
    [InlineData("/search/nearest?layer=parcels&lon=204&lat=30.5", "must be a WGS84 longitude")]
    [InlineData("/search/nearest?layer=parcels&lon=104&lat=30.5&count=0", "count: 0 must be from 1 to 100")]
    [InlineData("/search/within?layer=parcels&lon=104&lat=30.5&radius=90000", "radius: '90000' must be metres")]
    [InlineData("/search/within?layer=parcels&lon=104&lat=30.5", "radius: '' must be metres")]
    [InlineData("/search/here?lon=abc&lat=1", "")]
    public async Task BadSearches_Are400(string url, string expected)
    {
        using var response = await api.Factory.CreateClient().GetAsync(new Uri(url, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"Polygon","coordinates":[[[104.27,30.59],[104.28,30.60],[104.28,30.59],[104.27,30.60],[104.27,30.59]]]}""", "invalid geometry: Self-intersection at (104.275, 30.595)")]
    [InlineData("""{"type":"Polygon","coordinates":[[[204,30],[205,30],[205,31],[204,30]]]}""", "coordinates must be WGS84")]
    [InlineData("""{"type":"Polygon""", "body: not JSON")]
    [InlineData("""{"type":"Circle","radius":3}""", "body: not a GeoJSON geometry")]
    public async Task BadPostedGeometry_Is400(string body, string expected)
    {
        using var response = await PostAsync("/search/intersecting?layer=parcels", body, expectOk: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostedGeometry_AboveTheVertexLimit_Is400()
    {
        var points = Enumerable.Range(0, 12_000)
            .Select(i => (104.2 + (0.01 * Math.Cos(i * 2 * Math.PI / 12_000)), 30.6 + (0.01 * Math.Sin(i * 2 * Math.PI / 12_000)))).ToList();
        var ring = points.Append(points[0]).Select(p => string.Create(CultureInfo.InvariantCulture, $"[{p.Item1:R},{p.Item2:R}]"));
        using var response = await PostAsync("/search/intersecting?layer=parcels",
            $$"""{"type":"Polygon","coordinates":[[{{string.Join(',', ring)}}]]}""", expectOk: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 10000 are accepted", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static string Ranked(JsonDocument result) => string.Join(',', result.RootElement.GetProperty("features").EnumerateArray()
        .Select(f => $"{f.GetProperty("id").GetString()}@{f.GetProperty("distanceM").GetDecimal().ToString("0.00", CultureInfo.InvariantCulture)}"));

    private async Task<JsonDocument> GetAsync(string url, string mediaType = "application/geo+json")
    {
        using var response = await api.Factory.CreateClient().GetAsync(new Uri(url, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
    }

    private async Task<HttpResponseMessage> PostAsync(string url, string body, bool expectOk = true)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/geo+json");
        var response = await api.Factory.CreateClient().PostAsync(new Uri(url, UriKind.Relative), content, Ct);
        if (expectOk)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        return response;
    }
}
