using System.Net;
using static LandInventory.GisApi.Tests.OData.ODataHttp;

namespace LandInventory.GisApi.Tests.OData;

/// <summary>The query options, each answer compared with the same question asked of PostgreSQL in SQL.</summary>
public sealed class ODataQueryTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private HttpClient Client => api.Factory.CreateClient();

    private Task<string> Sql(string sql) => api.Database.ScalarAsync<string>(sql);

    [Theory]
    [InlineData("status eq 'available' and netSiteAreaSqm gt 30000", "status = 'available' AND net_site_area_sqm > 30000")]
    [InlineData("landUse eq LandInventory.LandUse'residential' or startingPrice lt 3000", "land_use = 'residential' OR starting_price < 3000")]
    [InlineData("contains(nameEn, 'Hong') and not startswith(code, 'LQ05')", "name_en LIKE '%Hong%' AND code NOT LIKE 'LQ05%'")]
    [InlineData("tolower(nameEn) eq tolower(nameEn) and length(nameZh) gt 10", "length(name_zh) > 10")]
    [InlineData("areaId in ('shiling', 'dongan-lake')", "area_id IN ('shiling', 'dongan-lake')")]
    [InlineData("availableFrom ge 2025-08-01 and availableFrom lt 2026-01-01", "available_from >= '2025-08-01' AND available_from < '2026-01-01'")]
    [InlineData("siteAreaMu ge 60 and plotRatioMax le 2.5", "site_area_mu >= 60 AND plot_ratio_max <= 2.5")]
    [InlineData("priceBasis eq null", "price_basis IS NULL")]
    public async Task Filter_OnParcels_IsTheSqlPredicate(string filter, string where)
    {
        using var body = await OkAsync(Client, Url("/odata/Parcels", ("$filter", filter), ("$select", "code")));

        var expected = await Sql($"SELECT coalesce(string_agg(code, ',' ORDER BY code COLLATE \"C\"), '') FROM land_parcels WHERE {where}");
        Assert.Equal(expected, SortedKeys(body));
    }

    [Fact]
    public async Task Filter_OnAnEnumCollection_IsArrayMembership()
    {
        var industry = await Sql("SELECT industries[1]::text FROM industrial_carriers ORDER BY code LIMIT 1");
        var name = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(
            string.Concat(industry.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..])));
        using var body = await OkAsync(Client, Url("/odata/Carriers", ("$filter", $"industries/any(i: i eq '{name}')"), ("$select", "code")));

        var expected = await Sql($"SELECT string_agg(code, ',' ORDER BY code COLLATE \"C\") FROM industrial_carriers WHERE '{industry}' = ANY(industries)");
        Assert.Equal(expected, SortedKeys(body));
    }

    [Fact]
    public async Task OrderByTopSkipCount_AreSqlOrderLimitOffsetAndCount()
    {
        using var body = await OkAsync(Client, Url("/odata/Parcels",
            ("$orderby", "netSiteAreaSqm desc,code"), ("$top", "5"), ("$skip", "3"), ("$count", "true"), ("$select", "code")));

        Assert.Equal(await Sql("""
            SELECT string_agg(code, ',' ORDER BY n DESC, code) FROM (
              SELECT code, net_site_area_sqm AS n FROM land_parcels ORDER BY net_site_area_sqm DESC, code OFFSET 3 LIMIT 5) s
            """), Keys(body));
        Assert.Equal(await api.Database.ScalarAsync<long>("SELECT count(*) FROM land_parcels"),
            body.RootElement.GetProperty("@odata.count").GetInt64());
    }

    [Fact]
    public async Task Select_WithoutGeometry_LeavesItOut()
    {
        using var light = await OkAsync(Client, Url("/odata/Parcels", ("$select", "code,siteAreaMu")));
        using var full = await OkAsync(Client, "/odata/Parcels?$top=1");

        var first = light.RootElement.GetProperty("value")[0];
        Assert.False(first.TryGetProperty("boundary", out _));
        Assert.Equal(["@odata.etag", "code", "siteAreaMu"], first.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("MultiPolygon", full.RootElement.GetProperty("value")[0].GetProperty("boundary").GetProperty("type").GetString());
    }

    [Fact]
    public async Task ComputedFacts_AreTheDatabasesOwn()
    {
        using var parcels = await OkAsync(Client, Url("/odata/Parcels", ("$select", "code,siteAreaMu"), ("$orderby", "code")));
        using var carriers = await OkAsync(Client, Url("/odata/Carriers", ("$select", "code,vacancyRate"), ("$orderby", "code")));

        Assert.Equal(await Sql("SELECT string_agg(code || '=' || round(net_site_area_sqm * 15 / 10000, 2), ',' ORDER BY code) FROM land_parcels"),
            string.Join(',', parcels.RootElement.GetProperty("value").EnumerateArray()
                .Select(p => $"{p.GetProperty("code").GetString()}={p.GetProperty("siteAreaMu").GetDecimal():0.00}")));
        Assert.Equal(await Sql("SELECT string_agg(code || '=' || round(vacant_floor_area_sqm / total_floor_area_sqm, 4), ',' ORDER BY code) FROM industrial_carriers"),
            string.Join(',', carriers.RootElement.GetProperty("value").EnumerateArray()
                .Select(p => $"{p.GetProperty("code").GetString()}={p.GetProperty("vacancyRate").GetDecimal():0.0000}")));
    }

    [Fact]
    public async Task Expand_TwoLevels_FollowsTheForeignKeys()
    {
        using var body = await OkAsync(Client, Url("/odata/Areas", ("$select", "id"), ("$expand", "parcels($select=code;$expand=area($select=id))")));

        var actual = body.RootElement.GetProperty("value").EnumerateArray().SelectMany(a => a.GetProperty("parcels").EnumerateArray()
            .Select(p => $"{a.GetProperty("id").GetString()}:{p.GetProperty("code").GetString()}:{p.GetProperty("area").GetProperty("id").GetString()}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(await Sql("SELECT string_agg(area_id || ':' || code || ':' || area_id, ',' ORDER BY area_id || ':' || code COLLATE \"C\") FROM land_parcels"),
            string.Join(',', actual));
    }

    [Fact]
    public async Task Navigation_BothWays()
    {
        var code = await Sql("SELECT code FROM land_parcels ORDER BY code LIMIT 1");
        using var area = await OkAsync(Client, $"/odata/Parcels('{Uri.EscapeDataString(code)}')/area?$select=id");
        using var parcels = await OkAsync(Client, "/odata/Areas('shiling')/parcels?$select=code");
        var carrier = await Sql("SELECT c.code FROM buildings b JOIN industrial_carriers c ON c.id = b.carrier_id ORDER BY b.code LIMIT 1");
        using var buildings = await OkAsync(Client, $"/odata/Carriers('{carrier}')/buildings?$select=code");

        Assert.Equal(await Sql($"SELECT area_id FROM land_parcels WHERE code = '{code}'"), area.RootElement.GetProperty("id").GetString());
        Assert.Equal(await Sql("SELECT string_agg(code, ',' ORDER BY code COLLATE \"C\") FROM land_parcels WHERE area_id = 'shiling'"), SortedKeys(parcels));
        Assert.Equal(await Sql($"SELECT string_agg(b.code, ',' ORDER BY b.code COLLATE \"C\") FROM buildings b JOIN industrial_carriers c ON c.id = b.carrier_id WHERE c.code = '{carrier}'"),
            SortedKeys(buildings));
    }

    [Theory]
    [InlineData("洪河", "洪河")]
    [InlineData("hong", "hong")]
    [InlineData("\"Shiling\" OR 东安", "shiling' OR name_zh ILIKE '%东安")]
    [InlineData("\"%\"", "\\%")] // unescaped, the wildcard would match every parcel
    public async Task Search_MatchesCodeAndBothNames(string search, string like)
    {
        using var body = await OkAsync(Client, Url("/odata/Parcels", ("$search", search), ("$select", "code")));

        var expected = await Sql($"""
            SELECT coalesce(string_agg(code, ',' ORDER BY code COLLATE "C"), '') FROM land_parcels
            WHERE code ILIKE '%{like}%' OR name_en ILIKE '%{like}%' OR name_zh ILIKE '%{like}%'
            """);
        Assert.Equal(expected, SortedKeys(body));
    }

    [Fact]
    public async Task Apply_GroupsAndAggregatesInSql()
    {
        using var body = await OkAsync(Client, Url("/odata/Parcels",
            ("$apply", "filter(status eq 'available')/groupby((areaId,landUse),aggregate(netSiteAreaSqm with sum as availableSqm,$count as parcels))")));

        var actual = body.RootElement.GetProperty("value").EnumerateArray()
            .Select(g => $"{g.GetProperty("areaId").GetString()}/{g.GetProperty("landUse").GetString()}={g.GetProperty("availableSqm").GetDecimal():0.00}#{g.GetProperty("parcels").GetInt32()}")
            .Order(StringComparer.Ordinal);
        var expected = await Sql("""
            SELECT string_agg(k, ',' ORDER BY k COLLATE "C") FROM (
              SELECT area_id || '/' || replace(initcap(land_use::text), '_', '') || '=' || sum(net_site_area_sqm) || '#' || count(*) AS k
              FROM land_parcels WHERE status = 'available' GROUP BY area_id, land_use) s
            """);
        // initcap gives CommercialService; the model's names are camelCase.
        Assert.Equal(expected, string.Join(',', actual), ignoreCase: true);
        Assert.All(actual, g => Assert.True(char.IsLower(g.Split('/')[1][0]), g));
    }

    [Fact]
    public async Task Apply_VacantFloorAreaPerKind()
    {
        using var body = await OkAsync(Client, Url("/odata/Carriers", ("$apply", "groupby((kind),aggregate(vacantFloorAreaSqm with sum as vacant))")));

        var actual = body.RootElement.GetProperty("value").EnumerateArray()
            .Select(g => $"{g.GetProperty("kind").GetString()}={g.GetProperty("vacant").GetDecimal():0.00}").Order(StringComparer.Ordinal);
        Assert.Equal(await Sql("""
            SELECT string_agg(k, ',' ORDER BY k COLLATE "C") FROM (
              SELECT replace(initcap(kind::text), '_', '') || '=' || sum(vacant_floor_area_sqm) AS k FROM industrial_carriers GROUP BY kind) s
            """), string.Join(',', actual), ignoreCase: true);
    }

    [Fact]
    public async Task Entity_ByKey_HasAnETag_AndUnknownKeyIsAnOData404()
    {
        var code = await Sql("SELECT code FROM industrial_carriers ORDER BY code LIMIT 1");
        using var response = await Client.GetAsync(new Uri($"/odata/Carriers('{code}')?$select=code", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.StartsWith("W/\"", body.RootElement.GetProperty("@odata.etag").GetString(), StringComparison.Ordinal);
        Assert.Equal("Not Found", await ErrorAsync(Client, "/odata/Carriers('no-such-code')", HttpStatusCode.NotFound));
        Assert.Equal("Not Found", await ErrorAsync(Client, "/odata/NoSuchSet", HttpStatusCode.NotFound));
    }
}
