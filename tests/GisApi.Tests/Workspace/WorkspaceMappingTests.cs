using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests.Workspace;

/// <summary>
/// A field mapping kept from the upload view: the server's refusal of one that does not fit the layer is shown as it
/// says it; a mapping that fits is kept for the bureau, chosen, and a GeoPackage survey with Chinese field names is
/// dry-run with it and found unchanged, as PostGIS holds the bureau's parcels.
/// </summary>
[Collection(BrowserScenario.Collection)]
public sealed class WorkspaceMappingTests(WorkspaceApi api) : UploadPage(api), IClassFixture<WorkspaceApi>
{
    [Fact]
    public async Task AMappingKeptInTheUploadView_ReadsASurveysChineseFieldNames()
    {
        var (client, password) = await Api.AccountAsync("upload-mapper", "planner", Bureau);
        client.Dispose();
        var folder = Directory.CreateTempSubdirectory("landinventory-workspace-mapping-");
        var gpkg = Path.Combine(folder.FullName, "测绘院成果.gpkg");
        await Gdal.Ogr2ogrAsync("-f", "GPKG", gpkg, RepositoryFiles.Data("parcels.geojson"), "-nln", "parcels", "-dialect", "sqlite", "-sql",
            "SELECT code AS 宗地编号, nameZh AS 宗地名称, netSiteAreaSqm AS 用地面积, nameEn, areaId, addressZh, addressEn, landUse, "
            + "landUseCode, landUseScheme, plotRatioMax, plotRatioMin, buildingDensityMaxPct, greenRatioMinPct, heightLimitM, leaseTermYears, "
            + "startingPrice, priceBasis, depositWanYuan, supplyMethod, status, availableFrom, stewardId, contactName, contactPhone, "
            + $"verifiedOn, geometry FROM parcels WHERE stewardId = '{Bureau}'");

        var seen = await BrowseAsync("mapping", "upload-mapper", password, gpkg,
            """{"fields": {"宗地编号": "parcelNo"}}""",
            """{"fields": {"宗地编号": "code", "宗地名称": "nameZh", "用地面积": "netSiteAreaSqm"}}""");
        folder.Delete(recursive: true);

        Assert.Contains("\"宗地编号\" maps to \"parcelNo\", which is not a property of parcels", seen.GetProperty("refused").GetString(), StringComparison.Ordinal);
        Assert.Equal("测绘院成果", seen.GetProperty("chosen").GetString());
        Assert.Equal(["", "land-notice", "dxf", "测绘院成果"], Strings(seen.GetProperty("options")));
        Assert.Equal("planner:upload-mapper@" + Bureau,
            await Api.Database.ScalarAsync<string>("SELECT updated_by FROM kept_mappings WHERE name = '测绘院成果' AND layer = 'parcels'"));
        var reviewed = seen.GetProperty("reviewed");
        Assert.Equal("succeeded", reviewed.GetProperty("state").GetString());
        Assert.Empty(reviewed.GetProperty("problems").EnumerateArray());
        Assert.Equal(await Api.Database.ScalarAsync<long>($"SELECT count(*) FROM land_parcels WHERE steward_id = '{Bureau}'"),
            reviewed.GetProperty("counts").GetProperty("unchanged").GetInt64());
    }
}
