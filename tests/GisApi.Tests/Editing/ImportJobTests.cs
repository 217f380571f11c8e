using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests.Editing;

/// <summary>POST /imports: the command-line importer over HTTP, as a job to poll, with the same all-or-nothing write.</summary>
public sealed class ImportJobTests(EditableApi api) : IClassFixture<EditableApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string ParcelsWith(Action<JsonArray> change)
    {
        var collection = JsonNode.Parse(File.ReadAllText(RepositoryFiles.Data("parcels.geojson")))!;
        var features = collection["features"]!.AsArray();
        change(features);
        return collection.ToJsonString();
    }

    [Fact]
    public async Task Import_OfOneBureausParcels_UpdatesWhatChanged_AndReportsIt()
    {
        var body = ParcelsWith(features =>
        {
            foreach (var f in features.Where(f => f!["properties"]!["stewardId"]!.GetValue<string>() != EditableApi.ParcelSteward).ToList())
            {
                features.Remove(f);
            }

            features[0]!["properties"]!["status"] = "withdrawn";
        });
        var planner = api.Planner(name: "importer-person");

        var posted = await Requests.SendAsync(planner, HttpMethod.Post, "/imports?layer=parcels", body, "application/geo+json", null);

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var done = await Requests.FinishedAsync(planner, posted.Headers.Location!);
        Assert.Equal("succeeded", done.GetProperty("state").GetString());
        var layer = done.GetProperty("report").GetProperty("layers")[0];
        // The report is data a client reads: names, not enum numbers; the upload, not a server's temporary file.
        Assert.Equal("upsert", done.GetProperty("report").GetProperty("mode").GetString());
        Assert.Equal("parcels", layer.GetProperty("layer").GetString());
        Assert.Equal("upload", layer.GetProperty("file").GetString());
        Assert.Equal(1, layer.GetProperty("updated").GetInt32());
        Assert.Equal(12, layer.GetProperty("unchanged").GetInt32());
        Assert.Equal(100, done.GetProperty("progress").GetProperty("percent").GetDouble());
        Assert.Equal("withdrawn", await api.Database.ScalarAsync<string>("SELECT status::text FROM land_parcels WHERE code = 'LQ04(252):2025-01'"));
        Assert.Equal($"planner:importer-person@{EditableApi.ParcelSteward}", await api.Database.ScalarAsync<string>(
            "SELECT actor FROM feature_history WHERE code = 'LQ04(252):2025-01' AND operation = 'update'"));
        // Another planner cannot read the job.
        Assert.Equal(HttpStatusCode.NotFound, (await api.Planner(name: "someone-else").GetAsync(posted.Headers.Location, Ct)).StatusCode);
    }

    [Fact]
    public async Task Import_TouchingAnotherBureausRecords_OrInvalid_WritesNothing()
    {
        var before = await api.Database.ScalarAsync<string>("SELECT md5(string_agg(p::text, '|' ORDER BY code)) FROM land_parcels p");
        var planner = api.Planner();

        // The whole file: eight of its parcels are another bureau's.
        var foreign = await Requests.SendAsync(planner, HttpMethod.Post, "/imports?layer=parcels",
            ParcelsWith(f => f[0]!["properties"]!["status"] = "reserved"), "application/geo+json", null);
        var foreignDone = await Requests.FinishedAsync(planner, foreign.Headers.Location!);
        Assert.Equal("invalid", foreignDone.GetProperty("state").GetString());
        Assert.Equal(8, foreignDone.GetProperty("report").GetProperty("problemCount").GetInt32());

        var broken = await Requests.SendAsync(api.Admin(), HttpMethod.Post, "/imports?layer=parcels",
            ParcelsWith(f => f[1]!["properties"]!["netSiteAreaSqm"] = -5), "application/geo+json", null);
        var brokenDone = await Requests.FinishedAsync(api.Admin(), broken.Headers.Location!);
        Assert.Equal("invalid", brokenDone.GetProperty("state").GetString());
        Assert.Equal("netSiteAreaSqm", brokenDone.GetProperty("report").GetProperty("problems")[0].GetProperty("field").GetString());

        Assert.Equal(before, await api.Database.ScalarAsync<string>("SELECT md5(string_agg(p::text, '|' ORDER BY code)) FROM land_parcels p"));
    }

    [Fact]
    public async Task Import_InAnotherSystemThanDeclared_ReportsTheSystemItLooksLike_UnderTheUploadsName()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/imports?layer=parcels&crs=EPSG:4326")
        {
            Content = new StringContent(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "tests", "Importer.Tests", "Fixtures",
                "parcels-4544.geojson"))),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/geo+json");
        request.Content.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
        {
            FileName = "\"survey 2026.geojson\"",
        };

        var posted = await api.Admin().SendAsync(request, Ct);

        var done = await Requests.FinishedAsync(api.Admin(), posted.Headers.Location!);
        Assert.Equal("invalid", done.GetProperty("state").GetString());
        var problem = done.GetProperty("report").GetProperty("problems")[0];
        Assert.Equal("survey 2026.geojson", problem.GetProperty("file").GetString());
        Assert.Equal("EPSG:4544", problem.GetProperty("suggestedCrs").GetString());
        Assert.Contains("they look like EPSG:4544", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("--crs", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_Requests_AreChecked_AndAreasAndReplaceAreAnAdminsOnly()
    {
        var planner = api.Planner();
        var body = File.ReadAllText(RepositoryFiles.Data("areas.geojson"));
        Assert.Equal(HttpStatusCode.Forbidden, (await Requests.SendAsync(planner, HttpMethod.Post, "/imports?layer=areas", body, "application/geo+json", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Requests.SendAsync(planner, HttpMethod.Post, "/imports?layer=parcels&mode=replace", body, "application/geo+json", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Requests.SendAsync(planner, HttpMethod.Post, "/imports?layer=roads", body, "application/geo+json", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Requests.SendAsync(planner, HttpMethod.Post, "/imports?layer=parcels&crs=EPSG:9999", body, "application/geo+json", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Requests.SendAsync(planner, HttpMethod.Post, "/imports?layer=parcels&dryrun=true", body, "application/geo+json", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Requests.SendAsync(api.Client(), HttpMethod.Post, "/imports?layer=parcels", body, "application/geo+json", null)).StatusCode);

        // A dry run by an admin reports what would change and writes nothing.
        var dry = await Requests.SendAsync(api.Admin(), HttpMethod.Post, "/imports?layer=areas&dryRun=true", body, "application/geo+json", null);
        var done = await Requests.FinishedAsync(api.Admin(), dry.Headers.Location!);
        Assert.Equal("succeeded", done.GetProperty("state").GetString());
        Assert.False(done.GetProperty("report").GetProperty("written").GetBoolean());
    }
}
