using System.Net;
using System.Text.Json;
using LandInventory.Data.Spatial;

namespace LandInventory.GisApi.Tests;

/// <summary>OGC API – Features Part 2: answers and bboxes in other systems, in each system's axis order, against PostGIS.</summary>
public sealed class OgcCrsTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private const string Epsg = "http://www.opengis.net/def/crs/EPSG/0/";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("4326", "ST_FlipCoordinates(boundary)")]                 // latitude first, as EPSG defines it
    [InlineData("4490", "ST_FlipCoordinates(boundary)")]
    [InlineData("3857", "ST_Transform(boundary, 3857)")]
    [InlineData("4544", "ST_FlipCoordinates(ST_Transform(boundary, 4544))")] // northing first
    public async Task Items_InAnotherCrs_MatchPostGisTransform_ToOneCentimetre(string code, string expectedSql)
    {
        using var response = await GetAsync($"/ogc/collections/parcels/items?limit=100&crs={Uri.EscapeDataString(Epsg + code)}");
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal($"<{Epsg}{code}>", response.Headers.GetValues("Content-Crs").Single());
        foreach (var feature in page.RootElement.GetProperty("features").EnumerateArray())
        {
            var distance = await api.Database.ScalarAsync<double>(
                $"SELECT ST_HausdorffDistance({expectedSql}, ST_SetSRID(ST_GeomFromGeoJSON(@g), ST_SRID({expectedSql}))) FROM land_parcels WHERE code = @code",
                ("g", feature.GetProperty("geometry").GetRawText()), ("code", feature.GetProperty("id").GetString()!));
            Assert.True(distance < (code is "4326" or "4490" ? 1e-9 : 0.01), $"{feature.GetProperty("id")}: {distance}");
        }
    }

    [Fact]
    public async Task Bbox_InGaussKruger_NorthingFirst_SelectsWhatPostGisSelects()
    {
        // A rectangle on the planners' grid around Dong'an Lake: northing 3 383 000–3 390 000, easting 424 000–431 000.
        var url = $"/ogc/collections/parcels/items?limit=100&bbox=3383000,424000,3390000,431000&bbox-crs={Uri.EscapeDataString(Epsg + "4544")}";
        using var response = await GetAsync(url);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        var ids = page.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()).Order(StringComparer.Ordinal);
        var expected = await api.Database.ScalarAsync<string>(
            "SELECT string_agg(code, ',' ORDER BY code COLLATE \"C\") FROM land_parcels WHERE ST_Intersects(ST_Transform(boundary, 4544), ST_MakeEnvelope(424000, 3383000, 431000, 3390000, 4544))");
        Assert.Equal(expected, string.Join(',', ids));
        Assert.NotEmpty(expected);
    }

    [Theory]
    [InlineData("gcj02")]
    [InlineData("bd09")]
    public async Task Item_ForChineseBaseMaps_IsShiftedByTheirFormula(string crs)
    {
        const string code = "LQ18(211):2025-01";
        using var response = await GetAsync($"/ogc/collections/parcels/items/{Uri.EscapeDataString(code)}?crs={crs}");
        using var feature = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        var shifted = feature.RootElement.GetProperty("geometry").GetProperty("coordinates")[0][0][0];
        var stored = await api.Database.ScalarAsync<string>(
            "SELECT ST_X(ST_PointN(ST_ExteriorRing(ST_GeometryN(boundary, 1)), 1)) || ',' || ST_Y(ST_PointN(ST_ExteriorRing(ST_GeometryN(boundary, 1)), 1)) FROM land_parcels WHERE code = @code",
            ("code", code));
        var lonLat = stored.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var (x, y) = CoordinateSystem.Parse(crs).FromWgs84(lonLat[0], lonLat[1]);
        Assert.Equal(x, shifted[0].GetDouble(), 1e-9);
        Assert.Equal(y, shifted[1].GetDouble(), 1e-9);
        Assert.Equal($"<{crs}>", response.Headers.GetValues("Content-Crs").Single());
    }

    [Theory]
    [InlineData("/ogc/collections/parcels/items?crs=EPSG:9999", "crs: 'EPSG:9999' is not offered")]
    [InlineData("/ogc/collections/parcels/items?bbox=1,2,3,4&bbox-crs=urn:nothing", "bbox-crs: 'urn:nothing' is not offered")]
    [InlineData("/ogc/collections/parcels/items?bbox=104.0,30.0,105.0,31.0&bbox-crs=http%3A%2F%2Fwww.opengis.net%2Fdef%2Fcrs%2FEPSG%2F0%2F4326", "outside longitude")]
    public async Task UnknownCrs_OrBboxInTheWrongAxisOrder_Is400(string url, string expected)
    {
        using var response = await api.Factory.CreateClient().GetAsync(new Uri(url, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collections_AdvertiseTheirSystems()
    {
        using var response = await GetAsync("/ogc/collections/parcels");
        using var collection = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        var systems = collection.RootElement.GetProperty("crs").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains(Epsg + "4544", systems);
        Assert.Contains("http://www.opengis.net/def/crs/OGC/1.3/CRS84", systems);
    }

    private async Task<HttpResponseMessage> GetAsync(string url)
    {
        var response = await api.Factory.CreateClient().GetAsync(new Uri(url, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }
}
