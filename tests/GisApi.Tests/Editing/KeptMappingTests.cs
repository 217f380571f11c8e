using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LandInventory.Data;
using LandInventory.PostGis.Testing;
using Npgsql;

namespace LandInventory.GisApi.Tests.Editing;

/// <summary>
/// Field mappings a bureau keeps (/imports/mappings): kept, read, listed and removed by the bureau's planners only —
/// in the API and, for the API's own role, by the database's row security — and named by an import.
/// </summary>
public sealed class KeptMappingTests(EditableApi api) : IClassFixture<EditableApi>
{
    private const string Steward = EditableApi.ParcelSteward;
    private const string Other = "jk-investment-promotion";

    /// <summary>How a survey names the fields: Chinese names, the inventory's properties underneath.</summary>
    private const string Survey = """
        {"layer": "parcels", "fields": {"宗地编号": "code", "宗地名称": "nameZh", "用地面积": "netSiteAreaSqm"}, "ignore": ["序号"]}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string url, string json) =>
        client.PutAsync(url, new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    [Fact]
    public async Task ABureausMapping_IsKeptReadAndListed_ForThatBureauOnly()
    {
        var planner = api.Planner();
        var created = await PutAsync(planner, "/imports/mappings/调查成果", Survey);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(planner, "/imports/mappings/调查成果", Survey)).StatusCode);

        var read = await Requests.JsonAsync(await planner.GetAsync(created.Headers.Location, Ct));
        Assert.Equal("nameZh", read.GetProperty("fields").GetProperty("宗地名称").GetString());
        Assert.Equal(["序号"], read.GetProperty("ignore").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal($"planner:planner-a@{Steward}", read.GetProperty("updatedBy").GetString());
        var stored = await api.Database.ScalarAsync<string>("SELECT body FROM kept_mappings WHERE name = '调查成果'");
        Assert.Contains("\"宗地编号\"", stored, StringComparison.Ordinal);

        var listed = await Requests.JsonAsync(await planner.GetAsync("/imports/mappings?layer=parcels", Ct));
        Assert.Contains(listed.GetProperty("mappings").EnumerateArray(), m => m.GetProperty("name").GetString() == "调查成果");
        Assert.Equal(["land-notice", "dxf"], listed.GetProperty("builtIn").EnumerateArray().Select(m => m.GetProperty("name").GetString()!).ToArray());

        // Another bureau's planner does not see it, cannot keep one for this bureau, and removes nothing of it.
        var other = api.Planner(Other, "planner-b");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/imports/mappings/调查成果?bureau={Steward}", Ct)).StatusCode);
        Assert.DoesNotContain((await Requests.JsonAsync(await other.GetAsync("/imports/mappings", Ct))).GetProperty("mappings").EnumerateArray(),
            m => m.GetProperty("name").GetString() == "调查成果");
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(other, $"/imports/mappings/x?bureau={Steward}", Survey)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync("/imports/mappings/调查成果", Ct)).StatusCode);
        Assert.Equal(1L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM kept_mappings WHERE name = '调查成果'"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Client().GetAsync("/imports/mappings", Ct)).StatusCode);

        // An admin names the bureau; the built-in mappings read as JSON too.
        Assert.Equal(HttpStatusCode.OK, (await api.Admin().GetAsync($"/imports/mappings/调查成果?bureau={Steward}", Ct)).StatusCode);
        var notice = await Requests.JsonAsync(await planner.GetAsync("/imports/mappings/land-notice", Ct));
        Assert.Equal("亩", notice.GetProperty("fields").GetProperty("用地面积（亩）").GetProperty("unit").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await planner.DeleteAsync("/imports/mappings/调查成果", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await planner.GetAsync("/imports/mappings/调查成果", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("bad", "{\"layer\": \"parcels\", \"fields\": ", "not valid JSON")]
    [InlineData("bad", "{\"fields\": {\"宗地编号\": \"code\"}}", "with its layer")]
    [InlineData("bad", "{\"layer\": \"roads\", \"fields\": {}}", "layer: one of")]
    [InlineData("bad", "{\"layer\": \"parcels\", \"fields\": {\"宗地编号\": \"parcelNo\"}}", "\"宗地编号\" maps to \"parcelNo\", which is not a property of parcels")]
    [InlineData("bad", "{\"layer\": \"parcels\", \"fields\": {\"面积\": {\"to\": \"netSiteAreaSqm\", \"unit\": \"英亩\"}}}", "has unit \"英亩\"")]
    [InlineData("bad", "{\"layer\": \"parcels\", \"fields\": {}, \"ignore\": [1]}", "\"ignore\" is a list of source field names")]
    [InlineData("land-notice", "{\"layer\": \"parcels\", \"fields\": {}}", "is a built-in mapping's name")]
    [InlineData("a%5Cb", "{\"layer\": \"parcels\", \"fields\": {}}", "has no slash")]
    public async Task AMappingThatDoesNotFit_Is400_SayingWhy(string name, string body, string expected)
    {
        var answer = await PutAsync(api.Planner(), $"/imports/mappings/{name}", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains(expected, (await Requests.JsonAsync(answer)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM kept_mappings WHERE name IN ('bad', 'land-notice', 'a\\b')"));
    }

    [Theory]
    [InlineData("", "an admin names the bureau")]
    [InlineData("?bureau=no-such-bureau", "no bureau 'no-such-bureau'")]
    public async Task AnAdmin_NamesAnExistingBureau(string query, string expected)
    {
        var answer = await PutAsync(api.Admin(), $"/imports/mappings/survey{query}", Survey);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains(expected, (await Requests.JsonAsync(answer)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnImport_NamingAKeptMapping_ReadsTheSurveysFieldsAsTheInventorys()
    {
        var planner = api.Planner();
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(planner, "/imports/mappings/survey-gpkg", Survey)).StatusCode);
        var folder = Directory.CreateTempSubdirectory("landinventory-kept-");
        var gpkg = Path.Combine(folder.FullName, "survey.gpkg");
        await LandInventory.Import.Formats.Gdal.RunAsync("ogr2ogr", ["-f", "GPKG", gpkg, RepositoryFiles.Data("parcels.geojson"), "-nln", "parcels",
            "-dialect", "sqlite", "-sql", "SELECT rowid AS 序号, code AS 宗地编号, nameZh AS 宗地名称, netSiteAreaSqm AS 用地面积, nameEn, areaId, "
            + "addressZh, addressEn, landUse, landUseCode, landUseScheme, plotRatioMax, plotRatioMin, buildingDensityMaxPct, greenRatioMinPct, "
            + "heightLimitM, leaseTermYears, startingPrice, priceBasis, depositWanYuan, supplyMethod, status, availableFrom, stewardId, "
            + $"contactName, contactPhone, verifiedOn, geometry FROM parcels WHERE stewardId = '{Steward}'"], TimeSpan.FromMinutes(1), Ct);
        var bytes = await File.ReadAllBytesAsync(gpkg, Ct);
        folder.Delete(recursive: true);

        var done = await UploadAsync(planner, "layer=parcels&dryRun=true&mapping=survey-gpkg", bytes);
        Assert.Equal("succeeded", done.GetProperty("state").GetString());
        Assert.Equal(0, done.GetProperty("report").GetProperty("problemCount").GetInt32());
        Assert.Equal(await api.Database.ScalarAsync<long>($"SELECT count(*) FROM land_parcels WHERE steward_id = '{Steward}'"),
            done.GetProperty("report").GetProperty("layers")[0].GetProperty("unchanged").GetInt64());

        // Without it the survey's names are unknown properties; an admin names the bureau's mapping in full.
        var unmapped = await UploadAsync(planner, "layer=parcels&dryRun=true", bytes);
        Assert.Equal("invalid", unmapped.GetProperty("state").GetString());
        Assert.Equal("succeeded", (await UploadAsync(api.Admin(), $"layer=parcels&dryRun=true&mapping={Steward}/survey-gpkg", bytes)).GetProperty("state").GetString());

        // Another layer, another bureau's, none of that name: 400 before the upload is read.
        foreach (var (client, query, expected) in new[]
                 {
                     (planner, "layer=carriers&mapping=survey-gpkg", "maps the layer parcels, not carriers"),
                     (api.Planner(Other, "planner-b"), $"layer=parcels&mapping={Steward}/survey-gpkg", $"nor one {Steward} keeps"),
                     (planner, "layer=parcels&mapping=no-such", $"nor one {Steward} keeps"),
                 })
        {
            var refused = await client.PostAsync($"/imports?{query}", new ByteArrayContent(bytes), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(expected, (await Requests.JsonAsync(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheDatabase_ShowsAndChangesOnlyTheNamedBureausMappings()
    {
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(api.Planner(), "/imports/mappings/rls", Survey)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(api.Planner(Other, "planner-b"), "/imports/mappings/rls", Survey)).StatusCode);
        await using var connection = await RuntimeRoleConnection.OpenAsync(api.Database, Ct);
        Task<long> Run(string steward, string every, string sql) => RuntimeRoleConnection.AsWriterAsync<long>(connection, steward, every == "on", sql, Ct);

        const string count = "SELECT count(*) FROM kept_mappings WHERE name = 'rls'";
        Assert.Equal(0L, await Run("", "off", count));
        Assert.Equal(1L, await Run(Steward, "off", count));
        Assert.Equal(2L, await Run("", "on", count));
        Assert.Equal(0L, await Run(Steward, "off", $"WITH x AS (UPDATE kept_mappings SET body = '{{}}' WHERE steward_id = '{Other}' RETURNING 1) SELECT count(*) FROM x"));
        Assert.Equal(0L, await Run(Steward, "off", $"WITH x AS (DELETE FROM kept_mappings WHERE steward_id = '{Other}' RETURNING 1) SELECT count(*) FROM x"));
        var forged = await Assert.ThrowsAsync<PostgresException>(() => Run(Steward, "off",
            $"INSERT INTO kept_mappings VALUES ('{Other}', 'forged', 'parcels', '{{}}', 'x', now())"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, forged.SqlState);
    }

    private static async Task<JsonElement> UploadAsync(HttpClient client, string query, byte[] file)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = "调查成果.gpkg" };
        var posted = await client.PostAsync($"/imports?{query}", content, Ct);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        return await Requests.FinishedAsync(client, posted.Headers.Location!);
    }
}
