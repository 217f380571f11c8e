using System.Net;
using System.Net.Http.Headers;
using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests.Editing;

/// <summary>POST /imports with a file in another format than GeoJSON: read by GDAL, through the same job and checks.</summary>
public sealed class ImportFormatTests(EditableApi api) : IClassFixture<EditableApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string query, byte[] file, string name)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = name };
        return await client.PostAsync($"/imports?{query}", content, Ct);
    }

    [Fact]
    public async Task Import_OfAGeoPackageInTheSurveyGrid_IsReadByItsNameAndSystem_AndFindsTheInventoryUnchanged()
    {
        var folder = Directory.CreateTempSubdirectory("landinventory-gpkg-");
        var gpkg = Path.Combine(folder.FullName, "survey.gpkg");
        await LandInventory.Import.Formats.Gdal.RunAsync("ogr2ogr", ["-f", "GPKG", gpkg, RepositoryFiles.Data("parcels.geojson"), "-t_srs", "EPSG:4544",
            "-nln", "parcels", "-dialect", "sqlite", "-sql", "SELECT code, nameZh, nameEn, areaId, addressZh, addressEn, landUse, "
            + "landUseCode, landUseScheme, netSiteAreaSqm, plotRatioMax, plotRatioMin, buildingDensityMaxPct, greenRatioMinPct, heightLimitM, "
            + "leaseTermYears, startingPrice, priceBasis, depositWanYuan, supplyMethod, status, availableFrom, stewardId, contactName, "
            + "contactPhone, verifiedOn, geometry FROM parcels"], TimeSpan.FromMinutes(1), Ct);
        var before = await api.Database.ScalarAsync<string>("SELECT md5(string_agg(p::text, '|' ORDER BY code)) FROM land_parcels p");

        var posted = await UploadAsync(api.Admin(), "layer=parcels&dryRun=true", await File.ReadAllBytesAsync(gpkg, Ct), "地块调查.gpkg");
        folder.Delete(recursive: true);

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var done = await Requests.FinishedAsync(api.Admin(), posted.Headers.Location!);
        Assert.Equal("succeeded", done.GetProperty("state").GetString());
        var layer = done.GetProperty("report").GetProperty("layers")[0];
        Assert.Equal("地块调查.gpkg", layer.GetProperty("file").GetString());
        Assert.Equal(21, layer.GetProperty("unchanged").GetInt32());
        Assert.Equal(before, await api.Database.ScalarAsync<string>("SELECT md5(string_agg(p::text, '|' ORDER BY code)) FROM land_parcels p"));
    }

    [Fact]
    public async Task Import_OfAZipWithoutAShapefile_IsInvalid_SayingWhatItHolds()
    {
        using var bytes = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(bytes, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = await zip.CreateEntry("readme.txt").OpenAsync(Ct);
            await entry.WriteAsync("宗地"u8.ToArray(), Ct);
        }

        var posted = await UploadAsync(api.Admin(), "layer=parcels", bytes.ToArray(), "survey.zip");

        var done = await Requests.FinishedAsync(api.Admin(), posted.Headers.Location!);
        Assert.Equal("invalid", done.GetProperty("state").GetString());
        var problem = done.GetProperty("report").GetProperty("problems")[0];
        Assert.Equal("survey.zip", problem.GetProperty("file").GetString());
        Assert.Equal("the zip holds no .shp (it holds readme.txt)", problem.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Import_OfAZipThatUnpacksToMoreThanTheLimit_IsInvalid_AndStopsUnpacking()
    {
        // Two megabytes of zeros pack into a few kilobytes: what a zip's header says is not what is counted.
        using var bytes = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(bytes, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var part in new[] { "survey.shp", "survey.shx", "survey.dbf" })
            {
                await using var entry = await zip.CreateEntry(part, System.IO.Compression.CompressionLevel.SmallestSize).OpenAsync(Ct);
                await entry.WriteAsync(new byte[2 << 20], Ct);
            }
        }

        await using var factory = new ApiFactory(api.Database.ConnectionString, ("Auth:SigningKey", EditableApi.SigningKey),
            ("Warmup:Enabled", "false"), ("Imports:MaxUnpackedMb", "1"));
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = api.Admin().DefaultRequestHeaders.Authorization;
        Assert.True(bytes.Length < 100_000);

        var posted = await UploadAsync(client, "layer=parcels", bytes.ToArray(), "survey.zip");

        var done = await Requests.FinishedAsync(client, posted.Headers.Location!);
        Assert.Equal("invalid", done.GetProperty("state").GetString());
        Assert.Equal("the Shapefile in the zip unpacks to more than 1 MB, the most an import unpacks (Imports:MaxUnpackedMb): split it, or import the .shp set itself",
            done.GetProperty("report").GetProperty("problems")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Import_OfADamagedZip_IsInvalid_NamingThePart()
    {
        using var bytes = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(bytes, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var part in new[] { "survey.shp", "survey.shx", "survey.dbf" })
            {
                await using var entry = await zip.CreateEntry(part).OpenAsync(Ct);
                await entry.WriteAsync(Enumerable.Repeat((byte)'k', 65_536).ToArray(), Ct);
            }
        }

        // The first entry's data begins after its 30-byte local header and its name: a deflate block of the reserved type.
        var damaged = bytes.ToArray();
        damaged[30 + "survey.shp".Length] = 0xFF;

        var posted = await UploadAsync(api.Admin(), "layer=parcels", damaged, "survey.zip");

        var done = await Requests.FinishedAsync(api.Admin(), posted.Headers.Location!);
        Assert.Equal("invalid", done.GetProperty("state").GetString());
        Assert.StartsWith("the zip's survey.shp cannot be unpacked (the zip is damaged)",
            done.GetProperty("report").GetProperty("problems")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("layer=parcels&mapping=/etc/passwd", "mapping: '/etc/passwd' is not a built-in mapping (land-notice, dxf)")]
    [InlineData("layer=parcels&format=dwg", "format must be one of geojson")]
    public async Task Import_WithAMappingPathOrAnUnknownFormat_Is400(string query, string expected)
    {
        var posted = await UploadAsync(api.Admin(), query, "{}"u8.ToArray(), "x.geojson");

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains(expected, await posted.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
