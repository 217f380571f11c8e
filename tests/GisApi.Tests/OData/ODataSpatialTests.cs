using System.Globalization;
using System.Net;
using static LandInventory.GisApi.Tests.OData.ODataHttp;

namespace LandInventory.GisApi.Tests.OData;

/// <summary>The geo functions and the bound functions, each answer compared with PostGIS asked in SQL.</summary>
public sealed class ODataSpatialTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private const string Point = "geography'SRID=4326;POINT(104.27 30.59)'";
    private const string PointSql = "ST_SetSRID(ST_MakePoint(104.27, 30.59), 4326)";
    private const string Square = "POLYGON((104.2 30.55,104.3 30.55,104.3 30.65,104.2 30.65,104.2 30.55))";

    private HttpClient Client => api.Factory.CreateClient();

    private Task<string> Sql(string sql) => api.Database.ScalarAsync<string>(sql);

    [Theory]
    [InlineData("Carriers", "industrial_carriers", "location", "lt", 3000)]
    [InlineData("Carriers", "industrial_carriers", "location", "le", 5000)]
    [InlineData("Parcels", "land_parcels", "boundary", "lt", 2000)]
    [InlineData("Buildings", "buildings", "footprint", "le", 4000)]
    [InlineData("Parcels", "land_parcels", "boundary", "gt", 5000)]
    public async Task Distance_IsGeodesicMetres_AsPostGisMeasures(string set, string table, string column, string op, int metres)
    {
        using var body = await OkAsync(Client, Url($"/odata/{set}", ("$filter", $"geo.distance({column}, {Point}) {op} {metres}"), ("$select", "code")));

        var sqlOp = op switch { "lt" => "<", "le" => "<=", _ => ">" };
        var expected = await Sql($"""
            SELECT coalesce(string_agg(code, ',' ORDER BY code COLLATE "C"), '') FROM {table}
            WHERE ST_Distance({column}::geography, {PointSql}::geography) {sqlOp} {metres}
            """);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, SortedKeys(body));
    }

    [Theory]
    [InlineData("Parcels", "land_parcels", "boundary", Square)]
    [InlineData("Parcels", "land_parcels", "boundary", "POINT(104.2557 30.5872)")]
    [InlineData("Buildings", "buildings", "footprint", Square)]
    [InlineData("Carriers", "industrial_carriers", "location", Square)]
    [InlineData("Areas", "areas", "boundary", "MULTIPOLYGON(((104.19 30.63,104.2 30.63,104.2 30.64,104.19 30.63)))")]
    public async Task Intersects_PolygonsAndPoints_AsPostGisJudges(string set, string table, string column, string wkt)
    {
        var key = set == "Areas" ? "id" : "code";
        using var body = await OkAsync(Client, Url($"/odata/{set}", ("$filter", $"geo.intersects({column}, geography'SRID=4326;{wkt}')"), ("$select", key)));

        var expected = await Sql($"""
            SELECT coalesce(string_agg({key}, ',' ORDER BY {key} COLLATE "C"), '') FROM {table}
            WHERE ST_Intersects({column}, ST_GeomFromText('{wkt}', 4326))
            """);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, SortedKeys(body, key));
    }

    [Fact]
    public async Task Intersects_AlsoTakesTheLiteralFirst()
    {
        using var body = await OkAsync(Client, Url("/odata/Parcels", ("$filter", $"geo.intersects(geography'SRID=4326;{Square}', boundary)"), ("$select", "code")));

        Assert.Equal(await Sql($"SELECT string_agg(code, ',' ORDER BY code COLLATE \"C\") FROM land_parcels WHERE ST_Intersects(boundary, ST_GeomFromText('{Square}', 4326))"),
            SortedKeys(body));
    }

    [Fact]
    public async Task OrderByDistance_IsNearestFirst_AndComputeGivesTheMetres()
    {
        using var body = await OkAsync(Client, Url("/odata/Carriers",
            ("$compute", $"geo.distance(location, {Point}) as distanceM"), ("$orderby", "distanceM,code"), ("$top", "6"), ("$select", "code,distanceM")));

        var expected = await Sql($"""
            SELECT string_agg(code || '@' || round(d::numeric, 2), ',' ORDER BY d, code) FROM (
              SELECT code, ST_Distance(location::geography, {PointSql}::geography) AS d FROM industrial_carriers ORDER BY d, code LIMIT 6) s
            """);
        Assert.Equal(expected, string.Join(',', body.RootElement.GetProperty("value").EnumerateArray().Select(c =>
            $"{c.GetProperty("code").GetString()}@{Math.Round(c.GetProperty("distanceM").GetDouble(), 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture)}")));
    }

    [Fact]
    public async Task OrderByGeoDistance_Directly()
    {
        using var body = await OkAsync(Client, Url("/odata/Parcels", ("$orderby", $"geo.distance(boundary, {Point})"), ("$top", "5"), ("$select", "code")));

        Assert.Equal(await Sql($"""
            SELECT string_agg(code, ',' ORDER BY d, code) FROM (
              SELECT code, ST_Distance(boundary::geography, {PointSql}::geography) AS d FROM land_parcels ORDER BY d, code LIMIT 5) s
            """), Keys(body));
    }

    [Fact]
    public async Task Length_IsGeodesicMetres()
    {
        const string line = "LINESTRING(104.2 30.55,104.3 30.55,104.3 30.6)";
        using var body = await OkAsync(Client, Url("/odata/Areas", ("$compute", $"geo.length(geography'SRID=4326;{line}') as m"), ("$select", "id,m"), ("$top", "1")));

        var expected = await api.Database.ScalarAsync<double>($"SELECT ST_Length(ST_GeomFromText('{line}', 4326)::geography)");
        Assert.Equal(expected, body.RootElement.GetProperty("value")[0].GetProperty("m").GetDouble(), 6);
    }

    [Theory]
    [InlineData("Parcels", "land_parcels", "boundary", "shiling")]
    [InlineData("Carriers", "industrial_carriers", "location", "dongan-lake")]
    [InlineData("Buildings", "buildings", "footprint", "damian-donghong")]
    public async Task InArea_IsSpatialContainment(string set, string table, string column, string area)
    {
        using var body = await OkAsync(Client, Url($"/odata/{set}/InArea(areaId='{area}')", ("$select", "code"), ("$count", "true")));

        var expected = await Sql($"""
            SELECT coalesce(string_agg(t.code, ',' ORDER BY t.code COLLATE "C"), '') FROM {table} t, areas a
            WHERE a.id = '{area}' AND ST_CoveredBy(t.{column}, a.boundary)
            """);
        Assert.Equal(expected, SortedKeys(body));
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries).Length, body.RootElement.GetProperty("@odata.count").GetInt32());
    }

    [Theory]
    [InlineData("Carriers", "industrial_carriers", "location", 5)]
    [InlineData("Parcels", "land_parcels", "boundary", 3)]
    public async Task Nearest_IsKnnInGeodesicOrder(string set, string table, string column, int count)
    {
        using var body = await OkAsync(Client, Url($"/odata/{set}/LandInventory.Nearest(lon=104.27,lat=30.59,count={count})", ("$select", "code")));

        Assert.Equal(await Sql($"""
            SELECT string_agg(code, ',' ORDER BY d, code) FROM (
              SELECT code, ST_Distance({column}::geography, {PointSql}::geography) AS d FROM {table} ORDER BY d, code LIMIT {count}) s
            """), Keys(body));
    }

    [Theory]
    [InlineData("/odata/Parcels/InArea(areaId='atlantis')", HttpStatusCode.NotFound, "atlantis")]
    [InlineData("/odata/Carriers/Nearest(lon=104.27,lat=30.59,count=0)", HttpStatusCode.BadRequest, "count")]
    [InlineData("/odata/Carriers/Nearest(lon=204.27,lat=30.59,count=3)", HttpStatusCode.BadRequest, "lon, lat")]
    [InlineData("/odata/Carriers/Nearest(lon=104.27,lat=30.59,count=101)", HttpStatusCode.BadRequest, "count")]
    public async Task Functions_RefuseBadArguments(string url, HttpStatusCode status, string named)
    {
        var message = await ErrorAsync(Client, url, status);

        Assert.Contains(named, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("geo.intersects(boundary, geography'SRID=3857;POINT(104.27 30.59)')", "SRID 3857")]
    [InlineData("geo.intersects(boundary, geography'SRID=3857;POINT(11600000 3580000)')", "latitude")]
    [InlineData("geo.intersects(boundary, geography'SRID=4326;POLYGON((104.2 30.55,104.3 30.65,104.3 30.55,104.2 30.65,104.2 30.55))')", "Self-intersection")]
    [InlineData("geo.intersects(boundary, geometry'SRID=0;POINT(1 1)')", "No function signature")]
    [InlineData("geo.distance(boundary, geography'SRID=4326;POINT(104.27 30.59)') lt 'far'", "")]
    [InlineData("geo.intersects(boundary, 'POINT(1 1)')", "")]
    [InlineData("geo.intersects(nameEn, geography'SRID=4326;POINT(104.27 30.59)')", "")]
    [InlineData("geo.distance(boundary, geography'SRID=4326;POINT(104.27 130.59)') lt 5", "")]
    public async Task BadSpatialLiterals_Are400_NamingTheProblem(string filter, string named)
    {
        var message = await ErrorAsync(Client, Url("/odata/Parcels", ("$filter", filter)));

        Assert.Contains(named, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooManyVertices_Is400()
    {
        var ring = Enumerable.Range(0, 1200).Select(i => (104.2 + 0.05 * Math.Cos(i * Math.PI / 600), 30.6 + 0.05 * Math.Sin(i * Math.PI / 600)))
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Item1:0.#####} {p.Item2:0.#####}")).ToList();
        ring.Add(ring[0]);
        var filter = $"geo.intersects(boundary, geography'SRID=4326;POLYGON(({string.Join(',', ring)}))')";

        using var response = await Client.GetAsync(new Uri(Url("/odata/Parcels", ("$filter", filter)), UriKind.Relative), TestContext.Current.CancellationToken);

        // Either the URL is refused as too long, or the literal for its vertices: never a 5xx.
        Assert.InRange((int)response.StatusCode, 400, 499);
    }
}
