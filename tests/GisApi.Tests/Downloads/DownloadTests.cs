using System.Net;
using System.Text.Json;
using Npgsql;

namespace LandInventory.GisApi.Tests.Downloads;

/// <summary>
/// Every download is read back by GDAL (<c>ogrinfo</c>, <c>ogr2ogr</c>) and compared with PostGIS: as many features, each
/// one's Chinese name, and its shape in the asked CRS within a centimetre (PostGIS's own transform, Hausdorff distance).
/// </summary>
public sealed class DownloadTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private const string Gk105 = "http://www.opengis.net/def/crs/EPSG/0/4544";

    [Theory]
    [InlineData("gpkg", "application/geopackage+sqlite3", "parcels.gpkg", 4544)]
    [InlineData("fgb", "application/flatgeobuf", "parcels.fgb", 4544)]
    [InlineData("shp", "application/zip", "parcels.shp.zip", 4544)]
    [InlineData("csv", "text/csv", "parcels.csv", 4544)]
    [InlineData("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "parcels.xlsx", 4544)]
    [InlineData("kml", "application/vnd.google-earth.kml+xml", "parcels.kml", 4326)]
    public async Task EveryParcel_ComesBack_ByGdal_AsPostGisHasIt_InTheAskedCrs(string f, string mediaType, string name, int srid)
    {
        var file = await DownloadAsync($"/ogc/collections/parcels/items?f={f}&crs={Uri.EscapeDataString(Gk105)}", mediaType, name);
        var rows = await ReadBackAsync(file);
        var (total, same) = await CompareAsync("land_parcels", "boundary", rows, srid);
        Assert.True(total > 20, "the zone's parcels");
        Assert.Equal(total, rows.Count);
        Assert.Equal(total, same);
        if (f == "shp")
        {
            var listing = await Gdal.OgrinfoAsync("-ro", "-so", $"/vsizip/{file}");
            Assert.Contains("parcels", listing, StringComparison.Ordinal);
            var cpg = await Gdal.OgrinfoAsync("-ro", "-so", "-al", $"/vsizip/{file}/parcels.shp");
            Assert.Contains("CGCS2000 / 3-degree Gauss-Kruger CM 105E", cpg, StringComparison.Ordinal); // the .prj
        }
    }

    [Fact]
    public async Task AGeoPackage_KeepsTheFieldTypes_AndTheCrs()
    {
        var file = await DownloadAsync($"/ogc/collections/parcels/items?f=gpkg&crs={Uri.EscapeDataString(Gk105)}", "application/geopackage+sqlite3", "parcels.gpkg");
        var info = await Gdal.OgrinfoAsync("-ro", "-so", "-al", file);
        foreach (var field in new[] { "netSiteAreaSqm: Real", "leaseTermYears: Integer", "availableFrom: Date", "nameZh: String", "landUse: String" })
        {
            Assert.Contains(field, info, StringComparison.Ordinal);
        }

        Assert.Contains("ID[\"EPSG\",4544]]", info, StringComparison.Ordinal);
        Assert.Contains("Geometry: Multi Polygon", info, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQuery_IsDownloadedWhole_FilteredSortedAndWithTheAskedProperties()
    {
        var file = await DownloadAsync("/ogc/collections/parcels/items?f=gpkg&filter=landUse%3D%27residential%27&sortby=-netSiteAreaSqm"
                                       + "&properties=code,nameZh,netSiteAreaSqm&limit=2", "application/geopackage+sqlite3", "parcels.gpkg");
        Assert.Equal(2, (await ReadBackAsync(file)).Count); // limit given: that page
        file = await DownloadAsync("/ogc/collections/parcels/items?f=gpkg&filter=landUse%3D%27residential%27&sortby=-netSiteAreaSqm"
                                   + "&properties=code,nameZh,netSiteAreaSqm", "application/geopackage+sqlite3", "parcels.gpkg");
        var rows = await ReadBackAsync(file);
        var expected = await ColumnAsync("SELECT code FROM land_parcels WHERE land_use = 'residential' ORDER BY net_site_area_sqm DESC, code");
        Assert.Equal(expected, rows.Select(r => r.Code).ToList());
        var fields = (await Gdal.FeaturesAsync(file))[0].GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["code", "id", "nameZh", "netSiteAreaSqm"], fields);
    }

    [Fact]
    public async Task TheAcceptHeader_ChoosesTheFile_AndCarriersComeAsPoints()
    {
        var client = api.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ogc/collections/carriers/items");
        request.Headers.Accept.ParseAdd("application/flatgeobuf");
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/flatgeobuf", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "carriers.fgb");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync(Ct), Ct);
        var (total, same) = await CompareAsync("industrial_carriers", "location", await ReadBackAsync(file), 4326);
        Assert.Equal(total, same);
        Assert.Contains("Geometry: Point", await Gdal.OgrinfoAsync("-ro", "-so", "-al", file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItemsAndCollections_LinkEveryDownload()
    {
        var client = api.Factory.CreateClient();
        var items = JsonDocument.Parse(await client.GetStringAsync("/ogc/collections/parcels/items?limit=2&landUse=residential", Ct)).RootElement;
        var alternates = items.GetProperty("links").EnumerateArray().Where(l => l.GetProperty("rel").GetString() == "alternate")
            .Select(l => (l.GetProperty("type").GetString(), l.GetProperty("href").GetString()!)).ToList();
        Assert.Equal(6, alternates.Count);
        Assert.All(alternates, a => Assert.Contains("landUse=residential", a.Item2, StringComparison.Ordinal));
        Assert.All(alternates, a => Assert.DoesNotContain("limit=", a.Item2, StringComparison.Ordinal));
        var collection = JsonDocument.Parse(await client.GetStringAsync("/ogc/collections/parcels", Ct)).RootElement;
        Assert.Contains(collection.GetProperty("links").EnumerateArray(),
            l => l.GetProperty("rel").GetString() == "enclosure" && l.GetProperty("type").GetString() == "application/geopackage+sqlite3");
    }

    [Theory]
    [InlineData("f=pdf", "f: 'pdf' is not offered")]
    [InlineData("f=gpkg&crs=gcj02", "a download is written in a system EPSG knows")]
    [InlineData("f=gpkg&nearestPlaces=true", "nearestPlaces: a download holds the layer's own properties")]
    public async Task ABadDownload_Is400_SayingWhy(string query, string message)
    {
        using var response = await api.Factory.CreateClient().GetAsync($"/ogc/collections/parcels/items?{query}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADownloadLargerThanAllowed_IsRefused_NamingTheFigures()
    {
        await using var small = api.Factory.WithWebHostBuilder(b => b.UseSetting("Downloads:MaxFeatures", "5"));
        using var response = await small.CreateClient().GetAsync("/ogc/collections/parcels/items?f=csv", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("more than a download holds (5, Downloads:MaxFeatures)", text, StringComparison.Ordinal);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Row(string Code, string NameZh, string Shape);

    private async Task<string> DownloadAsync(string url, string mediaType, string name)
    {
        using var response = await api.Factory.CreateClient().GetAsync(url, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(name, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var file = Path.Combine(Directory.CreateTempSubdirectory("download-test-").FullName, name);
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync(Ct), Ct);
        return file;
    }

    /// <summary>The file's features as GDAL reads them: code, Chinese name, and the shape (GeoJSON, or the WKT column of a sheet).</summary>
    private static async Task<List<Row>> ReadBackAsync(string file)
    {
        return [.. (await Gdal.FeaturesAsync(file)).EnumerateArray().Select(f =>
        {
            var p = f.GetProperty("properties");
            var shape = f.GetProperty("geometry").ValueKind == JsonValueKind.Null
                ? p.GetProperty("geometryWkt").GetString()!
                : f.GetProperty("geometry").GetRawText();
            return new Row(p.GetProperty("code").GetString()!, p.TryGetProperty("nameZh", out var zh) ? zh.GetString()! : "", shape);
        })];
    }

    /// <summary>How many rows the table has, and how many of the file's match one by code, Chinese name and shape (1 cm; 1e-7° in degrees).</summary>
    private async Task<(long Total, long Same)> CompareAsync(string table, string geometry, List<Row> rows, int srid)
    {
        await using var connection = await api.Database.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT (SELECT count(*) FROM {table}),
                   count(*) FILTER (WHERE r->>'zh' = t.name_zh AND ST_HausdorffDistance(
                       ST_SetSRID(CASE WHEN left(r->>'g', 1) = chr(123) THEN ST_GeomFromGeoJSON(r->>'g') ELSE ST_GeomFromText(r->>'g') END, @srid),
                       ST_Transform(t.{geometry}, @srid)) < CASE @srid WHEN 4326 THEN 1e-7 ELSE 0.01 END)
            FROM jsonb_array_elements(@rows::jsonb) r JOIN {table} t ON t.code = r->>'code'
            """, connection);
        command.Parameters.AddWithValue("srid", srid);
        command.Parameters.AddWithValue("rows", JsonSerializer.Serialize(rows.Select(r => new { code = r.Code, zh = r.NameZh, g = r.Shape })));
        await using var reader = await command.ExecuteReaderAsync(Ct);
        await reader.ReadAsync(Ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task<List<string>> ColumnAsync(string sql) => await Matching.MatchApi.ColumnAsync(api.Database, sql);
}
