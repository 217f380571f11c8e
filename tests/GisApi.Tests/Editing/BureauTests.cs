using System.Net;
using System.Text.Json.Nodes;
using LandInventory.Auth;
using LandInventory.GisApi.Editing;
using LandInventory.Import;
using LandInventory.Import.Parcels;
using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests.Editing;

/// <summary>
/// A planner writes for the one bureau their token names, in the API and in the database: a token that names none may
/// write nothing, an import that names no bureau changes nothing, and a building goes only into its own bureau's carrier.
/// </summary>
public sealed class BureauTests(EditableApi api) : IClassFixture<EditableApi>
{
    private const string Parcels = "SELECT md5(string_agg(p::text, '|' ORDER BY code)) FROM land_parcels p";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every parcel of data/geojson, of every bureau, each withdrawn.</summary>
    private static string EveryParcelWithdrawn()
    {
        var collection = JsonNode.Parse(File.ReadAllText(RepositoryFiles.Data("parcels.geojson")))!;
        foreach (var feature in collection["features"]!.AsArray())
        {
            feature!["properties"]!["status"] = "withdrawn";
        }

        return collection.ToJsonString();
    }

    [Fact]
    public async Task PlannerTokens_NamingNoBureau_MayImportAndWriteNothing()
    {
        var before = await api.Database.ScalarAsync<string>(Parcels);
        var parcel = Requests.Item("parcels", Requests.Parcel);
        var etag = await Requests.ETagAsync(api.Client(), parcel);

        foreach (var steward in new string?[] { null, "", "  " })
        {
            var planner = api.Client(Roles.Planner, steward, "nobody");
            var import = await Requests.SendAsync(planner, HttpMethod.Post, "/imports?layer=parcels", EveryParcelWithdrawn(),
                "application/geo+json", null);
            var patch = await Requests.PatchAsync(planner, parcel, new { status = "withdrawn" }, etag);

            foreach (var refused in new[] { import, patch })
            {
                Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
                var problem = await Requests.JsonAsync(refused);
                Assert.Contains("names no bureau", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }
        }

        Assert.Equal(before, await api.Database.ScalarAsync<string>(Parcels));
    }

    [Fact]
    public async Task AnImport_ThatNamesNoBureau_ChangesNothing_InTheDatabase()
    {
        // The library as a careless front end would call it: no bureau and not every bureau. The database refuses it.
        var before = await api.Database.ScalarAsync<string>(Parcels);
        await using var source = ImportRun.CreateDataSource(api.Database.ConnectionString);
        var input = ImportInput.FromBytes("parcels.geojson", ParcelImport.Layer, System.Text.Encoding.UTF8.GetBytes(EveryParcelWithdrawn()));

        var result = await new ImportRun(source, new ImportOptions(), new NoProgress()).RunAsync([input], Ct);

        Assert.False(result.Written);
        var problems = result.Problems.Kept;
        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.Contains("names no bureau", p.Message, StringComparison.Ordinal));
        Assert.Equal(before, await api.Database.ScalarAsync<string>(Parcels));

        // Every bureau, said so (an admin, the operator's command line): the same file is written.
        var everyBureau = await new ImportRun(source, new ImportOptions(EveryBureau: true), new NoProgress()).RunAsync(
            [ImportInput.FromBytes("parcels.geojson", ParcelImport.Layer, System.Text.Encoding.UTF8.GetBytes(EveryParcelWithdrawn()))], Ct);
        Assert.True(everyBureau.Written);
        Assert.Equal(0L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM land_parcels WHERE status <> 'withdrawn'"));
    }

    [Fact]
    public async Task ABuilding_GoesIntoACarrierOfItsOwnBureau_UnlessAnAdminLinksThem()
    {
        // A building of one bureau, and a carrier of another that it does not stand in yet.
        var (building, steward) = (await api.Database.ScalarAsync<string>(
            "SELECT code || '|' || steward_id FROM buildings ORDER BY code LIMIT 1")).Split('|') switch { var p => (p[0], p[1]) };
        var foreign = await api.Database.ScalarAsync<string>("""
            SELECT c.code FROM industrial_carriers c
            WHERE c.steward_id <> @steward AND c.id IS DISTINCT FROM (SELECT carrier_id FROM buildings WHERE code = @code)
            ORDER BY c.code LIMIT 1
            """, ("steward", steward), ("code", building));
        var url = Requests.Item("buildings", building);
        var feature = (JsonObject)JsonNode.Parse(File.ReadAllText(RepositoryFiles.Data("buildings.geojson")))!["features"]!.AsArray()
            .Single(f => f!["properties"]!["code"]!.GetValue<string>() == building)!.DeepClone();
        feature["properties"]!["carrierCode"] = foreign;
        var carrierOf = "SELECT coalesce(c.code, '') FROM buildings b LEFT JOIN industrial_carriers c ON c.id = b.carrier_id WHERE b.code = @code";
        var was = await api.Database.ScalarAsync<string>(carrierOf, ("code", building));

        var planner = await Requests.SendAsync(api.Planner(steward), HttpMethod.Put, url, feature.ToJsonString(), "application/geo+json",
            await Requests.ETagAsync(api.Client(), url));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, planner.StatusCode);
        var problem = (await Requests.JsonAsync(planner)).ToString();
        Assert.Contains("carrierCode", problem, StringComparison.Ordinal);
        Assert.Contains("its own bureau", problem, StringComparison.Ordinal);
        Assert.Equal(was, await api.Database.ScalarAsync<string>(carrierOf, ("code", building)));

        var admin = await Requests.SendAsync(api.Admin(), HttpMethod.Put, url, feature.ToJsonString(), "application/geo+json",
            await Requests.ETagAsync(api.Client(), url));
        Assert.True(admin.IsSuccessStatusCode, $"{admin.StatusCode}: {await admin.Content.ReadAsStringAsync(Ct)}");
        Assert.Equal(foreign, await api.Database.ScalarAsync<string>(carrierOf, ("code", building)));

        // The link exists now: the building's own planners keep it when they change something else.
        feature["properties"]!["nameEn"] = "Renamed by its own bureau";
        var kept = await Requests.SendAsync(api.Planner(steward), HttpMethod.Put, url, feature.ToJsonString(), "application/geo+json",
            await Requests.ETagAsync(api.Client(), url));
        Assert.True(kept.IsSuccessStatusCode, $"{kept.StatusCode}: {await kept.Content.ReadAsStringAsync(Ct)}");
    }
}
