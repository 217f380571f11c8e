using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests;

/// <summary>The API on a real Kestrel port, read by GDAL's own OGC API – Features client (Debian's gdal-bin).</summary>
public sealed class GdalClientTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    [Fact]
    public async Task Ogrinfo_ListsTheFourLayers()
    {
        await using var server = KestrelServer.Start(api.Database.ConnectionString, out var baseUrl);

        var output = await Gdal.OgrinfoAsync("-ro", $"OAPIF:{baseUrl}/ogc");

        foreach (var layer in new[] { "1: areas", "2: parcels", "3: carriers", "4: buildings" })
        {
            Assert.Contains(layer, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Ogrinfo_ReadsEveryParcel_ThroughPagesOfFive()
    {
        await using var server = KestrelServer.Start(api.Database.ConnectionString, out var baseUrl);

        var output = await Gdal.OgrinfoAsync("-ro", "-q", "-oo", "PAGE_SIZE=5", $"OAPIF:{baseUrl}/ogc", "parcels");

        var codes = Gdal.Values(output, "code");
        var expected = await api.Database.ScalarAsync<string>("SELECT string_agg(code, ',' ORDER BY code COLLATE \"C\") FROM land_parcels");
        Assert.Equal(expected, string.Join(',', codes));
    }

    [Fact]
    public async Task Ogr2ogr_DownloadsABbox_AsPostGisSelectsIt()
    {
        await using var server = KestrelServer.Start(api.Database.ConnectionString, out var baseUrl);
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "parcels.geojson");

        await Gdal.Ogr2ogrAsync("-f", "GeoJSON", file, $"OAPIF:{baseUrl}/ogc", "parcels", "-spat", "104.25", "30.57", "104.30", "30.62");

        var codes = Gdal.Values(await Gdal.OgrinfoAsync("-ro", "-al", "-q", file), "code");
        var expected = await api.Database.ScalarAsync<string>(
            "SELECT string_agg(code, ',' ORDER BY code COLLATE \"C\") FROM land_parcels WHERE ST_Intersects(boundary, ST_MakeEnvelope(104.25, 30.57, 104.30, 30.62, 4326))");
        Assert.Equal(expected, string.Join(',', codes));
    }
}
