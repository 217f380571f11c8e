using System.Globalization;
using System.Net;
using System.Text.Json;
using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests;

/// <summary>OGC API – Features Part 1 over the imported inventory; every spatial answer compared with PostGIS.</summary>
public sealed class OgcFeaturesTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LandingPage_LinksTheApiDescription_Conformance_AndData()
    {
        using var landing = await GetJsonAsync("/ogc/");

        var rels = landing.RootElement.GetProperty("links").EnumerateArray()
            .ToDictionary(l => l.GetProperty("rel").GetString()!, l => l.GetProperty("href").GetString()!);
        Assert.EndsWith("/openapi/v1.json", rels["service-desc"], StringComparison.Ordinal);
        Assert.EndsWith("/ogc/conformance", rels["conformance"], StringComparison.Ordinal);
        Assert.EndsWith("/ogc/collections", rels["data"], StringComparison.Ordinal);
        using var docs = await api.Factory.CreateClient().GetAsync(new Uri(new Uri(rels["service-doc"]).PathAndQuery, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Equal("text/html", docs.Content.Headers.ContentType?.MediaType);
        using var conformance = await GetJsonAsync("/ogc/conformance");
        Assert.Contains(conformance.RootElement.GetProperty("conformsTo").EnumerateArray(),
            c => c.GetString() == "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core");
    }

    [Theory]
    [InlineData("areas", "boundary", "areas")]
    [InlineData("parcels", "boundary", "land_parcels")]
    [InlineData("carriers", "location", "industrial_carriers")]
    [InlineData("buildings", "footprint", "buildings")]
    public async Task Collection_ExtentIsPostGisExtent(string collection, string column, string table)
    {
        using var document = await GetJsonAsync($"/ogc/collections/{collection}");

        var bbox = document.RootElement.GetProperty("extent").GetProperty("spatial").GetProperty("bbox")[0]
            .EnumerateArray().Select(v => v.GetDouble().ToString("R", CultureInfo.InvariantCulture));
        var expected = await api.Database.ScalarAsync<string>(
            $"SELECT concat_ws(',', ST_XMin(e)::float8, ST_YMin(e)::float8, ST_XMax(e)::float8, ST_YMax(e)::float8) FROM (SELECT ST_Extent({column}) e FROM {table}) s");
        Assert.Equal(expected, string.Join(',', bbox));
    }

    [Fact]
    public async Task Items_PagedByNextLinks_ReturnEveryParcelOnce_WithNumberMatched()
    {
        var codes = new List<string>();
        var next = "/ogc/collections/parcels/items?limit=5";
        while (next is not null)
        {
            using var page = await GetJsonAsync(next, "application/geo+json");
            Assert.Equal(21, page.RootElement.GetProperty("numberMatched").GetInt32());
            var features = page.RootElement.GetProperty("features").EnumerateArray().ToList();
            Assert.Equal(features.Count, page.RootElement.GetProperty("numberReturned").GetInt32());
            codes.AddRange(features.Select(f => f.GetProperty("id").GetString()!));
            next = page.RootElement.GetProperty("links").EnumerateArray()
                .Where(l => l.GetProperty("rel").GetString() == "next")
                .Select(l => new Uri(l.GetProperty("href").GetString()!).PathAndQuery).FirstOrDefault();
        }

        var expected = await api.Database.ScalarAsync<string>("SELECT string_agg(code, ',' ORDER BY code) FROM land_parcels");
        Assert.Equal(expected, string.Join(',', codes));
    }

    [Theory]
    [InlineData("parcels", "land_parcels", "boundary", "104.17,30.58,104.20,30.60")]
    [InlineData("parcels", "land_parcels", "boundary", "104.25,30.57,104.30,30.62")]
    [InlineData("carriers", "industrial_carriers", "location", "104.20,30.50,104.27,30.56")]
    [InlineData("buildings", "buildings", "footprint", "104.0,30.0,105.0,31.0")]
    public async Task Items_WithBbox_MatchPostGisIntersects(string collection, string table, string column, string bbox)
    {
        using var page = await GetJsonAsync($"/ogc/collections/{collection}/items?bbox={bbox}&limit=1000", "application/geo+json");

        var ids = page.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()).Order(StringComparer.Ordinal);
        var n = bbox.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var expected = await api.Database.ScalarAsync<string>(
            $"SELECT coalesce(string_agg(code, ',' ORDER BY code COLLATE \"C\"), '') FROM {table} WHERE ST_Intersects({column}, ST_MakeEnvelope(@a, @b, @c, @d, 4326))",
            ("a", n[0]), ("b", n[1]), ("c", n[2]), ("d", n[3]));
        Assert.Equal(expected, string.Join(',', ids));
        Assert.Equal(expected.Length == 0 ? 0 : expected.Split(',').Length, page.RootElement.GetProperty("numberMatched").GetInt32());
    }

    [Fact]
    public async Task Item_ByCode_IsTheParcelWithItsPropertiesAndGeometry()
    {
        const string code = "LQ18(211):2025-01";
        using var feature = await GetJsonAsync($"/ogc/collections/parcels/items/{Uri.EscapeDataString(code)}", "application/geo+json");

        var properties = feature.RootElement.GetProperty("properties");
        Assert.Equal(code, feature.RootElement.GetProperty("id").GetString());
        Assert.Equal("residential", properties.GetProperty("landUse").GetString());
        Assert.Equal("dongan-lake", properties.GetProperty("areaId").GetString());
        Assert.True(await api.Database.ScalarAsync<bool>(
            "SELECT ST_Equals(boundary, ST_SetSRID(ST_GeomFromGeoJSON(@g), 4326)) FROM land_parcels WHERE code = @code",
            ("g", feature.RootElement.GetProperty("geometry").GetRawText()), ("code", code)));
        Assert.Equal(await api.Database.ScalarAsync<decimal>("SELECT site_area_mu FROM land_parcels WHERE code = @code", ("code", code)),
            properties.GetProperty("siteAreaMu").GetDecimal());
    }

    [Theory]
    [InlineData("/ogc/collections/parcels/items?bbox=1,2,3", 400, "bbox: '1,2,3' must be four numbers")]
    [InlineData("/ogc/collections/parcels/items?bbox=104.3,30.5,104.2,30.6", 400, "has a minimum above its maximum")]
    [InlineData("/ogc/collections/parcels/items?bbox=104,30,105,91", 400, "outside longitude -180..180 / latitude -90..90")]
    [InlineData("/ogc/collections/parcels/items?bbox=a,b,c,d", 400, "must be four numbers")]
    [InlineData("/ogc/collections/parcels/items?limit=0", 400, "limit: '0' must be a whole number from 1 to 1000")]
    [InlineData("/ogc/collections/parcels/items?limit=1001", 400, "limit: '1001' must be a whole number from 1 to 1000")]
    [InlineData("/ogc/collections/parcels/items?offset=-1", 400, "offset: '-1' must be a whole number")]
    [InlineData("/ogc/collections/parcels/items?after=", 400, "after: give the id of the last feature of the page before")]
    [InlineData("/ogc/collections/parcels/items?after=DM-01&sortby=-siteAreaMu", 400, "after: pages continue by id order; with sortby, page with offset")]
    [InlineData("/ogc/collections/parcels/items?after=DM-01&offset=5", 400, "after and offset: give one or the other")]
    [InlineData("/ogc/collections/parcels/items?limt=5", 400, "unknown query parameter 'limt'")]
    [InlineData("/ogc/collections/parcels/items?f=html", 400, "f: 'html' is not offered")]
    [InlineData("/ogc/collections/roads/items", 404, "no collection 'roads': the collections are areas, parcels, carriers, buildings")]
    [InlineData("/ogc/collections/parcels/items/NOPE-1", 404, "collection 'parcels' has no feature 'NOPE-1'")]
    public async Task BadRequests_AnswerProblemDetails_NamingTheProblem(string url, int status, string expected)
    {
        using var response = await api.Factory.CreateClient().GetAsync(new Uri(url, UriKind.Relative), Ct);

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private async Task<JsonDocument> GetJsonAsync(string url, string mediaType = "application/json")
    {
        using var response = await api.Factory.CreateClient().GetAsync(new Uri(url, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
    }
}
