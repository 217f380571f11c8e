using Npgsql;
using static LandInventory.GisApi.Tests.OData.ODataHttp;

namespace LandInventory.GisApi.Tests.OData;

/// <summary>
/// Every query option becomes SQL, read from what EF sent: nothing is evaluated in the API. The spatial predicates
/// reach PostGIS in a form its GiST indexes answer, shown by PostgreSQL's own plan for the very command sent.
/// </summary>
public sealed class ODataSqlTests(InventoryApi api) : IClassFixture<InventoryApi>, IAsyncDisposable
{
    // Without the response cache: a question asked twice must reach the database twice for its SQL to be read.
    private readonly ApiFactory _uncached = new(api.Database.ConnectionString, ("ResponseCache:Enabled", "false"));

    private const string Point = "geography'SRID=4326;POINT(104.27 30.59)'";
    private const string Square = "geography'SRID=4326;POLYGON((104.2 30.55,104.21 30.55,104.21 30.56,104.2 30.56,104.2 30.55))'";

    [Theory]
    [InlineData("$filter", "status eq 'available' and netSiteAreaSqm gt 1000", "WHERE l.status = 'available'::parcel_status AND l.net_site_area_sqm > @")]
    [InlineData("$filter", "contains(nameEn,'Hong')", "LIKE")]
    [InlineData("$filter", "tolower(nameEn) eq 'x'", "lower(l.name_en)")]
    [InlineData("$filter", "areaId in ('shiling')", "l.area_id = ANY")]
    [InlineData("$orderby", "netSiteAreaSqm desc", "ORDER BY l.net_site_area_sqm DESC")]
    [InlineData("$top", "7", "LIMIT")]
    [InlineData("$search", "洪河", "ILIKE")]
    [InlineData("$apply", "groupby((areaId),aggregate(netSiteAreaSqm with sum as s))", "sum(l0.net_site_area_sqm::numeric)")]
    [InlineData("$apply", "groupby((areaId),aggregate(netSiteAreaSqm with sum as s))", "GROUP BY l0.\"Name\", l0.area_id")]
    [InlineData("$count", "true", "count(*)")]
    [InlineData("$filter", $"geo.distance(boundary, {Point}) lt 3000", "within_metres(l.boundary")]
    [InlineData("$filter", $"geo.intersects(boundary, {Square})", "ST_Intersects(l.boundary")]
    [InlineData("$orderby", $"geo.distance(boundary, {Point})", "ORDER BY ST_Distance(l.boundary")]
    public async Task QueryOption_IsInTheSql(string option, string value, string sql)
    {
        using var capture = new SqlCapture(Database);

        using var _ = await OkAsync(_uncached.CreateClient(), Url("/odata/Parcels", (option, value)));

        Assert.True(capture.Text.Contains(sql, StringComparison.Ordinal), capture.Text);
    }

    [Theory]
    [InlineData("Carriers", $"geo.distance(location, {Point}) lt 3000", "ix_industrial_carriers_location_geography")]
    [InlineData("Parcels", $"geo.distance(boundary, {Point}) le 3000", "ix_land_parcels_boundary_geography")]
    [InlineData("Parcels", $"geo.intersects(boundary, {Square})", "ix_land_parcels_boundary")]
    [InlineData("Buildings", $"geo.intersects(footprint, {Square})", "ix_buildings_footprint")]
    public async Task SpatialFilter_UsesTheGistIndex(string set, string filter, string index)
    {
        using var capture = new SqlCapture(Database);
        using var _ = await OkAsync(_uncached.CreateClient(), Url($"/odata/{set}", ("$filter", filter), ("$select", "code")));
        var sent = Assert.Single(capture.Commands);

        await using var connection = await api.Database.OpenAsync();
        // With so few rows a sequential scan is cheapest; forbidding it shows whether an index can answer at all.
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + sent.Text, connection);
        explain.Parameters.AddRange(sent.Parameters);

        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            plan.Add(reader.GetString(0));
        }

        Assert.Contains(plan, line => line.Contains($"Index Scan using {index} ", StringComparison.Ordinal)
            || line.Contains($"Bitmap Index Scan on {index}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LiteralsAndDistances_ArePassedAsParameters_NeverAsSqlText()
    {
        using var capture = new SqlCapture(Database);

        using var _ = await OkAsync(_uncached.CreateClient(), Url("/odata/Parcels", ("$filter", $"geo.intersects(boundary, {Square})")));

        using var __ = await OkAsync(_uncached.CreateClient(), Url("/odata/Parcels", ("$filter", $"geo.distance(boundary, {Point}) le 2987")));

        // Parameters, so that every literal and distance does not make another statement for EF and PostgreSQL to plan.
        Assert.DoesNotContain("104.2", capture.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("2987", capture.Text, StringComparison.Ordinal);
        Assert.Contains(capture.Commands.SelectMany(c => c.Parameters),
            p => p.Value is NetTopologySuite.Geometries.Polygon { SRID: 4326 });
        Assert.Contains(capture.Commands.SelectMany(c => c.Parameters), p => p.Value is 2987d);
    }

    [Theory]
    [InlineData("/odata/Parcels?$filter=status eq 'available'")]
    [InlineData("/odata/Parcels?$count=true&$top=3")]
    [InlineData("/odata/Parcels/$count")]
    [InlineData("/odata/Parcels?$select=code&$expand=area($select=nameEn)")]
    [InlineData("/odata/Parcels?$apply=groupby((areaId),aggregate(netSiteAreaSqm with sum as s))")]
    [InlineData("/odata/Carriers?$expand=buildings($count=true)&$top=2")]
    [InlineData("/odata/Parcels('LQ04(252):2025-01')")]
    [InlineData("/odata/Parcels('LQ04(252):2025-01')/area")]
    [InlineData("/odata/Parcels/InArea(areaId='shiling')?$select=code")]
    [InlineData("/odata/Carriers/Nearest(lon=104.27,lat=30.59,count=3)")]
    [InlineData("/odata/Parcels/AsOf(time=2030-01-01T00:00:00Z)?$top=2")]
    public async Task Query_IsReadAsynchronously(string url)
    {
        using var capture = new SqlCapture(Database);

        using var _ = await OkAsync(_uncached.CreateClient(), url);

        // Asynchronous reads hold no thread-pool thread while PostgreSQL works, and are cancelled with the request.
        Assert.NotEmpty(capture.Commands);
        Assert.All(capture.Commands, c => Assert.True(c.Async, $"read synchronously: {c.Text}"));
    }

    private string Database => new NpgsqlConnectionStringBuilder(api.Database.ConnectionString).Database!;

    public ValueTask DisposeAsync() => _uncached.DisposeAsync();
}
