using System.Net;
using System.Text.Json;

namespace LandInventory.GisApi.Tests;

/// <summary>Vector tiles cut by PostGIS, decoded by GDAL's MVT driver, compared with PostGIS asked directly.</summary>
public sealed class TileTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("parcels", "land_parcels", "boundary", 12, 3234, 1682)]   // Dong'an Lake Vitality City
    [InlineData("parcels", "land_parcels", "boundary", 11, 1616, 840)]    // the zone's west: Damian-Donghong and Shiling
    [InlineData("carriers", "industrial_carriers", "location", 10, 808, 420)]
    [InlineData("buildings", "buildings", "footprint", 10, 808, 420)]
    public async Task Tile_DecodedByGdal_HoldsTheFeaturesPostGisFindsInIt(string layer, string table, string column, int z, int x, int y)
    {
        using var response = await api.Factory.CreateClient().GetAsync(new Uri($"/tiles/{layer}/{z}/{x}/{y}.mvt", UriKind.Relative), Ct);
        var expected = await api.Database.ScalarAsync<string>($"""
            SELECT coalesce(string_agg(code, ',' ORDER BY code COLLATE "C"), '') FROM {table}, ST_TileEnvelope(@z, @x, @y) env
            WHERE ST_Intersects(ST_Transform({column}, 3857), ST_Expand(env, (ST_XMax(env) - ST_XMin(env)) * 64 / 4096))
            """, ("z", z), ("x", x), ("y", y));
        Assert.NotEmpty(expected);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.mapbox-vector-tile", response.Content.Headers.ContentType?.MediaType);

        // Unclipped, to see the 64-unit buffer too.
        var path = await TileOf.SaveAsync($"{z}/{x}/{y}", response, Ct);
        var codes = Gdal.Values(await Gdal.OgrinfoAsync("-ro", "-al", "-q", "-oo", "CLIP=NO", path), "code");
        Assert.Equal(expected, string.Join(',', codes));
    }

    [Theory]
    [InlineData(14, false)]
    [InlineData(15, true)]
    public async Task ParcelTiles_CarryNamesAndFigures_FromTheDetailZoom(int z, bool detailed)
    {
        // The tile of one parcel at this zoom, and what PostGIS holds for it.
        var code = await api.Database.ScalarAsync<string>("SELECT min(code) FROM land_parcels");
        var xy = await TileOf.ParcelAsync(api.Database, code, z);
        var nameZh = await api.Database.ScalarAsync<string>("SELECT name_zh FROM land_parcels WHERE code = @code", ("code", code));
        var status = await api.Database.ScalarAsync<string>("SELECT status::text FROM land_parcels WHERE code = @code", ("code", code));
        using var response = await api.Factory.CreateClient().GetAsync(new Uri($"/tiles/parcels/{z}/{xy}.mvt", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var path = await TileOf.SaveAsync($"{z}/{xy}", response, Ct);
        var dump = await Gdal.OgrinfoAsync("-ro", "-al", "-q", "-oo", "CLIP=NO", "-where", $"code = '{code}'", path);

        Assert.Equal([status], Gdal.Values(dump, "status"));
        Assert.Equal(detailed ? [nameZh] : [], Gdal.Values(dump, "nameZh"));
        Assert.Equal(detailed, dump.Contains("startingPrice (Real) = ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TileJson_SaysWhichFieldsComeOnlyFromTheDetailZoom()
    {
        using var response = await api.Factory.CreateClient().GetAsync(new Uri("/tiles/parcels.json", UriKind.Relative), Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        var description = json.RootElement.GetProperty("vector_layers")[0].GetProperty("description").GetString()!;
        Assert.Contains($"Below zoom {Tiles.TileLayers.DetailZoom} only code, areaId, landUse, status, siteAreaMu", description, StringComparison.Ordinal);
        Assert.Contains("nameZh", description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/tiles/parcels/14/12937/6728.mvt", 204, null)]                 // the lake: no parcel
    [InlineData("/tiles/parcels/3/9/9.mvt", 404, "tile 3/9/9 does not exist")]
    [InlineData("/tiles/parcels/23/0/0.mvt", 400, "z: 23 is outside the zooms 0 to 22")]
    [InlineData("/tiles/roads/1/0/0.mvt", 404, "no tile layer 'roads'")]
    public async Task Tile_EmptyOrImpossible_AnswersAsMapClientsExpect(string url, int status, string? detail)
    {
        using var response = await api.Factory.CreateClient().GetAsync(new Uri(url, UriKind.Relative), Ct);

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        if (detail is not null)
        {
            Assert.Contains(detail, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TileJson_NamesTheUrlTemplate_BoundsAndFields()
    {
        using var response = await api.Factory.CreateClient().GetAsync(new Uri("/tiles/carriers.json", UriKind.Relative), Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal("3.0.0", json.RootElement.GetProperty("tilejson").GetString());
        Assert.EndsWith("/tiles/carriers/{z}/{x}/{y}.mvt", json.RootElement.GetProperty("tiles")[0].GetString(), StringComparison.Ordinal);
        var fields = json.RootElement.GetProperty("vector_layers")[0].GetProperty("fields");
        Assert.Equal("Number", fields.GetProperty("floorLoadKnPerSqm").GetString());
        Assert.Equal(4, json.RootElement.GetProperty("bounds").GetArrayLength());
    }

    [Fact]
    public async Task Tile_HasAnETag_AndAnswers304()
    {
        var client = api.Factory.CreateClient();
        using var first = await client.GetAsync(new Uri("/tiles/parcels/12/3234/1682.mvt", UriKind.Relative), Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tiles/parcels/12/3234/1682.mvt");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }
}
