using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace LandInventory.GisApi.Tests;

/// <summary>
/// Tags of places: a bbox page's or a tile's tag changes when a change touches its place — and only then, so an edit
/// leaves the cached answers of the rest of the map as they were. Places and what lies in them are asked of PostGIS.
/// </summary>
public sealed class PlaceCachingTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(14, 12937, 6728, true)]
    [InlineData(12, 3234, 1682, true)]
    [InlineData(3, 6, 3, true)]
    [InlineData(0, 0, 0, false)] // at the world's edge PostGIS clips the buffer: ours may only be larger
    public async Task ATilesSearchBox_IsTheBoxItsQuerySelectsIn(int z, int x, int y, bool inside)
    {
        var box = Tiles.TileEndpoints.SearchBox(z, x, y);
        const string Search = "ST_Transform(ST_TileEnvelope(@z, @x, @y, margin => 64.0 / 4096), 4326)";
        foreach (var (ours, edge, low) in new[] { (box.MinX, "XMin", true), (box.MinY, "YMin", true), (box.MaxX, "XMax", false), (box.MaxY, "YMax", false) })
        {
            var postgis = await api.Database.ScalarAsync<double>($"SELECT ST_{edge}({Search})", ("z", z), ("x", x), ("y", y));
            if (inside)
            {
                Assert.Equal(postgis, ours, 1e-9);
            }
            else
            {
                Assert.True(low ? ours <= postgis : ours >= postgis, $"{edge}: ours {ours}, PostGIS {postgis}");
            }
        }
    }

    [Fact]
    public async Task AnEdit_ChangesThePagesAndTilesAroundIt_AndLeavesTheOthers()
    {
        var (edited, other) = await TwoParcelsFarApartAsync();
        var client = api.Factory.CreateClient();
        string[] near = [await BboxAroundAsync(edited), await TileOfAsync(edited), await BboxAroundAsync(edited, "EPSG/0/4544")];
        string[] far = [await BboxAroundAsync(other), await TileOfAsync(other)];
        var before = new Dictionary<string, (EntityTagHeaderValue Tag, byte[] Body)>();
        foreach (var url in near.Concat(far))
        {
            using var response = await GetAsync(client, url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            before[url] = (response.Headers.ETag!, await response.Content.ReadAsByteArrayAsync(Ct));
        }

        // Another writer than the API (psql, the importer): the database tells where it changed.
        await api.Database.ScalarAsync<int>("""
            UPDATE land_parcels SET status = CASE WHEN status = 'reserved' THEN 'available' ELSE 'reserved' END::parcel_status
            WHERE code = @code RETURNING 1
            """, ("code", edited));

        foreach (var url in near)
        {
            using var response = await GetAsync(client, url, before[url].Tag);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEqual(before[url].Tag, response.Headers.ETag);
            Assert.NotEqual(before[url].Body, await response.Content.ReadAsByteArrayAsync(Ct));
        }

        foreach (var url in far)
        {
            using var response = await GetAsync(client, url, before[url].Tag);
            Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        }
    }

    [Fact]
    public async Task AMove_ChangesWhereTheBoundaryWasAndWhereItWent_AndThePagesShowIt()
    {
        var (moved, target) = await TwoParcelsFarApartAsync();
        var client = api.Factory.CreateClient();
        var from = await BboxAroundAsync(moved);
        var to = await BboxAroundAsync(target);
        using var fromBefore = await GetAsync(client, from);
        using var toBefore = await GetAsync(client, to);
        Assert.Contains(moved, await CodesAsync(fromBefore));
        Assert.DoesNotContain(moved, await CodesAsync(toBefore));

        // Onto the other parcel's place (overlaps are allowed between records; this is about where the change is).
        await api.Database.ScalarAsync<int>("""
            UPDATE land_parcels m SET boundary = ST_Translate(m.boundary,
                ST_X(ST_Centroid(t.boundary)) - ST_X(ST_Centroid(m.boundary)), ST_Y(ST_Centroid(t.boundary)) - ST_Y(ST_Centroid(m.boundary)))
            FROM land_parcels t WHERE m.code = @moved AND t.code = @target RETURNING 1
            """, ("moved", moved), ("target", target));

        foreach (var (url, response) in new[] { (from, fromBefore), (to, toBefore) })
        {
            using var after = await GetAsync(client, url, response.Headers.ETag);
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
            Assert.Equal(await ExpectedCodesAsync(url), await CodesAsync(after));
        }

        Assert.DoesNotContain(moved, await CodesAsync(await GetAsync(client, from)));
        Assert.Contains(moved, await CodesAsync(await GetAsync(client, to)));
    }

    [Fact]
    public async Task AVersionWithoutItsPlace_CountsAsAChangeEverywhere()
    {
        var (parcel, _) = await TwoParcelsFarApartAsync();
        var client = api.Factory.CreateClient();
        var url = await BboxAroundAsync(parcel);
        using var before = await GetAsync(client, url);

        // As a version raised before places were recorded would be: nothing says where, so every place must be read again.
        await api.Database.ScalarAsync<int>("UPDATE layer_versions SET version = version + 1 WHERE layer = 'land_parcels' RETURNING 1");

        using var after = await GetAsync(client, url, before.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    /// <summary>Two parcels whose surroundings (a bbox 0.002° around each, and the z14 tile of each) share nothing.</summary>
    private async Task<(string A, string B)> TwoParcelsFarApartAsync()
    {
        var pair = await api.Database.ScalarAsync<string>("""
            SELECT a.code || '|' || b.code FROM land_parcels a, land_parcels b
            WHERE NOT ST_DWithin(a.boundary, b.boundary, 0.05) ORDER BY a.code, b.code LIMIT 1
            """);
        return (pair.Split('|')[0], pair.Split('|')[1]);
    }

    /// <summary>A bbox page over the parcel's box widened by 0.001°, in CRS84 or in <paramref name="crs"/> (an EPSG path).</summary>
    private async Task<string> BboxAroundAsync(string code, string? crs = null)
    {
        var srid = crs is null ? 4326 : int.Parse(crs.Split('/')[^1], CultureInfo.InvariantCulture);
        var box = await api.Database.ScalarAsync<string>("""
            SELECT concat_ws(',', ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e))
            FROM (SELECT ST_Transform(ST_Expand(ST_Envelope(boundary), 0.001), @srid) AS e FROM land_parcels WHERE code = @code) s
            """, ("code", code), ("srid", srid));
        if (crs is not null)
        {
            // EPSG:4544 is northing first: y,x.
            var n = box.Split(',');
            box = string.Join(',', n[1], n[0], n[3], n[2]);
        }

        var bboxCrs = crs is null ? "" : $"&bbox-crs={Uri.EscapeDataString($"http://www.opengis.net/def/crs/{crs}")}";
        return $"/ogc/collections/parcels/items?limit=100&bbox={box}{bboxCrs}";
    }

    private async Task<string> TileOfAsync(string code) => $"/tiles/parcels/14/{await TileOf.ParcelAsync(api.Database, code, 14)}.mvt";

    private async Task<string> ExpectedCodesAsync(string bboxUrl)
    {
        var box = bboxUrl.Split("bbox=")[1].Split('&')[0].Split(',');
        return await api.Database.ScalarAsync<string>("""
            SELECT coalesce(string_agg(code, ',' ORDER BY code COLLATE "C"), '') FROM land_parcels
            WHERE ST_Intersects(boundary, ST_MakeEnvelope(@x0, @y0, @x1, @y1, 4326))
            """, ("x0", double.Parse(box[0], CultureInfo.InvariantCulture)), ("y0", double.Parse(box[1], CultureInfo.InvariantCulture)),
            ("x1", double.Parse(box[2], CultureInfo.InvariantCulture)), ("y1", double.Parse(box[3], CultureInfo.InvariantCulture)));
    }

    private static async Task<string> CodesAsync(HttpResponseMessage response)
    {
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return string.Join(',', json.RootElement.GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, EntityTagHeaderValue? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        return await client.SendAsync(request, Ct);
    }
}
