using LandInventory.PostGis.Testing;
using Npgsql;

namespace LandInventory.Data.Tests;

/// <summary>
/// data/geojson checked with PostGIS as the oracle: the files are read as plain JSON by the database, so these tests
/// judge the files themselves, not our importer's reading of them. Each query lists what breaks a rule; none may.
/// </summary>
public sealed class InventoryDataFileTests(InventoryTestDatabase database) : IClassFixture<InventoryTestDatabase>
{
    private const string LoadSql = """
        CREATE TEMP TABLE features AS
        SELECT @layer AS layer, f ->> 'id' AS id, f -> 'properties' AS p,
               ST_SetSRID(ST_GeomFromGeoJSON(f -> 'geometry'), 4326) AS g
        FROM jsonb_array_elements(@doc::jsonb -> 'features') AS f
        """;

    [Theory]
    [InlineData("areas", 3)]
    [InlineData("parcels", 21)]
    [InlineData("carriers", 20)]
    public async Task DataFile_HasTheListedNumberOfFeatures(string layer, long expected) =>
        Assert.Equal(expected, await ScalarAsync<long>("SELECT count(*) FROM features WHERE layer = @layer", layer));

    [Fact]
    public async Task Buildings_IncludeEveryCategory_AndSeveralBelongToCarriers()
    {
        Assert.Equal("aging,featured,underused", await ScalarAsync<string>(
            "SELECT string_agg(DISTINCT p ->> 'category', ',' ORDER BY p ->> 'category') FROM features WHERE layer = 'buildings'"));
        Assert.InRange(await ScalarAsync<long>(
            "SELECT count(*) FROM features WHERE layer = 'buildings' AND p ->> 'carrierCode' IS NOT NULL"), 3, 100);
        Assert.InRange(await ScalarAsync<long>(
            "SELECT count(*) FROM features WHERE layer = 'buildings' AND p ->> 'carrierCode' IS NULL"), 1, 100);
    }

    [Fact]
    public async Task Parcels_CoverThreeAreas_AndBothLandUses()
    {
        Assert.Equal("dongan-lake,damian-donghong,shiling".Split(',').Order(), (await ScalarAsync<string>(
            "SELECT string_agg(DISTINCT p ->> 'areaId', ',') FROM features WHERE layer = 'parcels'")).Split(',').Order());
        Assert.Equal("commercialService,residential", await ScalarAsync<string>(
            "SELECT string_agg(DISTINCT p ->> 'landUse', ',' ORDER BY p ->> 'landUse') FROM features WHERE layer = 'parcels'"));
    }

    [Fact]
    public async Task Carriers_ServeIntelligentConnectedVehiclesAndTheDigitalEconomy()
    {
        const string sql = "SELECT count(*) FROM features WHERE layer = 'carriers' AND p -> 'industries' ? @industry";
        Assert.True(await ScalarAsync<long>(sql, industry: "intelligentConnectedVehicles") >= 3);
        Assert.True(await ScalarAsync<long>(sql, industry: "digitalEconomy") >= 3);
    }

    [Fact]
    public async Task EveryGeometry_IsValid_CounterClockwise_AndInLongquanyi() => await AssertNoneAsync("""
        SELECT layer || ' ' || coalesce(p ->> 'code', id) || ': ' || concat_ws(', ',
                 CASE WHEN NOT ST_IsValid(g) THEN ST_IsValidReason(g) END,
                 CASE WHEN ST_Dimension(g) = 2 AND NOT ST_IsPolygonCCW(g) THEN 'outer ring not counter-clockwise' END,
                 CASE WHEN NOT ST_Within(g, ST_MakeEnvelope(104.15, 30.45, 104.50, 30.75, 4326)) THEN 'outside Longquanyi' END)
        FROM features
        WHERE NOT ST_IsValid(g) OR (ST_Dimension(g) = 2 AND NOT ST_IsPolygonCCW(g))
           OR NOT ST_Within(g, ST_MakeEnvelope(104.15, 30.45, 104.50, 30.75, 4326))
        """);

    [Fact]
    public async Task EveryParcel_LiesWithinItsArea() => await AssertNoneAsync("""
        SELECT p.p ->> 'code' FROM features p
        LEFT JOIN features a ON a.layer = 'areas' AND a.p ->> 'id' = p.p ->> 'areaId'
        WHERE p.layer = 'parcels' AND (a.g IS NULL OR NOT ST_Within(p.g, a.g))
        """);

    [Fact]
    public async Task NoTwoParcels_Overlap() => await AssertNoneAsync("""
        SELECT a.p ->> 'code' || ' overlaps ' || (b.p ->> 'code') FROM features a
        JOIN features b ON a.layer = 'parcels' AND b.layer = 'parcels' AND a.p ->> 'code' < b.p ->> 'code'
        WHERE ST_Relate(a.g, b.g, '2********')
        """);

    [Fact]
    public async Task BuildingsOfACarrier_StandInsideItsSite() => await AssertNoneAsync("""
        SELECT b.p ->> 'code' FROM features b
        LEFT JOIN features c ON c.layer = 'carriers' AND c.p ->> 'code' = b.p ->> 'carrierCode'
        WHERE b.layer = 'buildings' AND b.p ->> 'carrierCode' IS NOT NULL
          AND (c.id IS NULL OR NOT ST_Within(b.g, coalesce(ST_SetSRID(ST_GeomFromGeoJSON(c.p -> 'siteBoundary'), 4326),
                                                            ST_Buffer(c.g::geography, 300)::geometry)))
        """);

    [Fact]
    public async Task Codes_AreUnique_AndEqualTheFeatureIds() => await AssertNoneAsync("""
        SELECT layer || ' ' || coalesce(p ->> 'code', p ->> 'id') FROM features
        GROUP BY layer, coalesce(p ->> 'code', p ->> 'id'), id
        HAVING count(*) > 1 OR id IS DISTINCT FROM coalesce(p ->> 'code', p ->> 'id')
        """);

    private async Task AssertNoneAsync(string sql)
    {
        await using var connection = await LoadAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var found = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            found.Add(reader.GetString(0));
        }

        Assert.Empty(found);
    }

    private async Task<T> ScalarAsync<T>(string sql, string? layer = null, string? industry = null)
    {
        await using var connection = await LoadAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("layer", layer ?? "");
        command.Parameters.AddWithValue("industry", industry ?? "");
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>A connection whose temp table <c>features</c> holds every feature of the four files.</summary>
    private async Task<NpgsqlConnection> LoadAsync()
    {
        var connection = await database.OpenAsync();
        foreach (var layer in new[] { "areas", "parcels", "carriers", "buildings" })
        {
            var sql = layer == "areas" ? LoadSql : LoadSql.Replace("CREATE TEMP TABLE features AS", "INSERT INTO features", StringComparison.Ordinal);
            await using var load = new NpgsqlCommand(sql, connection);
            load.Parameters.AddWithValue("layer", layer);
            load.Parameters.AddWithValue("doc", await File.ReadAllTextAsync(RepositoryFiles.Data($"{layer}.geojson")));
            await load.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        return connection;
    }
}
