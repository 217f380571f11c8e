using System.Globalization;
using System.Net;
using System.Text.Json;
using LandInventory.GisApi.Tiles;

namespace LandInventory.GisApi.Tests;

/// <summary>
/// A dense low-zoom tile is an overview — squares of grid cells with the count and figures of the parcels whose centre
/// lies in each — decoded by GDAL and compared with PostGIS; zoomed in, or where the tile is sparse, parcels are drawn
/// as they are. Over a database of its own with 3 600 more, small parcels by Dong'an Lake.
/// </summary>
public sealed class TileOverviewTests(InventoryApi api) : IClassFixture<InventoryApi>, IAsyncLifetime
{
    private const int Side = 60; // Side × Side parcels, 40 m apart: above TileLayers.DenseFeatures, within one z13 tile

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (await api.Database.ScalarAsync<long>("SELECT count(*) FROM land_parcels WHERE code LIKE 'DENSE-%'") > 0)
        {
            return;
        }

        await api.Database.ScalarAsync<long>($"""
            WITH dense AS (
              INSERT INTO land_parcels (code, name_zh, name_en, steward_id, area_id, land_use, land_use_code, land_use_scheme,
                                        net_site_area_sqm, plot_ratio_max, lease_term_years, supply_method, status, boundary)
              SELECT format('DENSE-%s-%s', i, j), p.name_zh, p.name_en, p.steward_id, p.area_id, p.land_use, p.land_use_code,
                     p.land_use_scheme, 1000 + i * 10 + j, p.plot_ratio_max, p.lease_term_years, p.supply_method,
                     CASE WHEN (i + j) % 3 = 0 THEN 'available'::parcel_status ELSE 'reserved'::parcel_status END,
                     ST_Multi(ST_MakeEnvelope(104.30 + i * 0.0004, 30.515 + j * 0.0004, 104.3003 + i * 0.0004, 30.5153 + j * 0.0004, 4326))
              FROM (SELECT * FROM land_parcels ORDER BY code LIMIT 1) p, generate_series(0, {Side - 1}) i, generate_series(0, {Side - 1}) j
              RETURNING 1)
            SELECT count(*) FROM dense
            """);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task ADenseLowZoomTile_IsCells_CountingWhatPostGisCounts()
    {
        const int z = 11;
        var (x, y) = await TileAsync(z);

        var cells = await DecodedAsync(z, x, y);

        Assert.NotEmpty(cells);
        Assert.All(cells, c => Assert.False(c.TryGetProperty("code", out _)));
        // Every parcel whose centre (its bounding box's) lies in the tile or its buffer, once, in its cell.
        var expected = await api.Database.ScalarAsync<string>("""
            SELECT concat_ws('/', count(*), count(*) FILTER (WHERE status = 'available'), round(sum(site_area_mu), 2))
            FROM land_parcels
            WHERE ST_Intersects(ST_Transform(ST_SetSRID(ST_MakePoint((ST_XMin(boundary) + ST_XMax(boundary)) / 2,
                                                                  (ST_YMin(boundary) + ST_YMax(boundary)) / 2), 4326), 3857),
                                ST_TileEnvelope(@z, @x, @y, margin => 64 / 4096.0))
            """, ("z", z), ("x", x), ("y", y));
        var sums = string.Join('/', cells.Sum(c => c.GetProperty("count").GetInt32()), cells.Sum(c => c.GetProperty("available").GetInt32()),
            Math.Round(cells.Sum(c => c.GetProperty("siteAreaMu").GetDecimal()), 2).ToString("0.00", CultureInfo.InvariantCulture));
        Assert.Equal(expected, sums);
        Assert.True(cells.Count <= (4096 / TileLayers.CellUnits + 2) * (4096 / TileLayers.CellUnits + 2));
    }

    [Fact]
    public async Task FromTheOverviewZoom_TheSamePlace_IsDrawnParcelByParcel()
    {
        var (x, y) = await TileAsync(TileLayers.OverviewZoom);

        var features = await DecodedAsync(TileLayers.OverviewZoom, x, y);

        var expected = await api.Database.ScalarAsync<string>("""
            SELECT string_agg(code, ',' ORDER BY code COLLATE "C") FROM land_parcels, ST_TileEnvelope(@z, @x, @y) env
            WHERE ST_Intersects(ST_Transform(boundary, 3857), ST_Expand(env, (ST_XMax(env) - ST_XMin(env)) * 64 / 4096))
            """, ("z", TileLayers.OverviewZoom), ("x", x), ("y", y));
        Assert.True(expected.Split(',').Length >= TileLayers.DenseFeatures, "the tile is dense");
        Assert.Equal(expected, string.Join(',', features.Select(f => f.GetProperty("code").GetString()).Order(StringComparer.Ordinal)));
        Assert.All(features, f => Assert.False(f.TryGetProperty("count", out _)));
    }

    [Fact]
    public async Task TileJson_DescribesTheOverview_AndItsFields()
    {
        using var response = await api.Factory.CreateClient().GetAsync(new Uri("/tiles/parcels.json", UriKind.Relative), Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        var layer = json.RootElement.GetProperty("vector_layers")[0];
        Assert.Contains($"Below zoom {TileLayers.OverviewZoom}, a tile of {TileLayers.DenseFeatures} features or more is an overview",
            layer.GetProperty("x-overview").GetString(), StringComparison.Ordinal);
        Assert.Equal("Number", layer.GetProperty("fields").GetProperty("count").GetString());
        Assert.Equal("Number", layer.GetProperty("fields").GetProperty("available").GetString());
    }

    /// <summary>The tile at zoom <paramref name="z"/> holding the dense block's middle, from PostGIS.</summary>
    private async Task<(int X, int Y)> TileAsync(int z)
    {
        var xy = await TileOf.ParcelAsync(api.Database, $"DENSE-{Side / 2}-{Side / 2}", z);
        return (int.Parse(xy.Split('/')[0], CultureInfo.InvariantCulture), int.Parse(xy.Split('/')[1], CultureInfo.InvariantCulture));
    }

    /// <summary>The tile's features' properties as GDAL's MVT driver reads them, buffer included.</summary>
    private async Task<List<JsonElement>> DecodedAsync(int z, int x, int y)
    {
        using var response = await api.Factory.CreateClient().GetAsync(new Uri($"/tiles/parcels/{z}/{x}/{y}.mvt", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = await TileOf.SaveAsync($"{z}/{x}/{y}", response, Ct);
        using var geojson = JsonDocument.Parse(await Gdal.Ogr2ogrAsync("-f", "GeoJSON", "/vsistdout/", "-oo", "CLIP=NO", path));
        return [.. geojson.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").Clone())];
    }
}
