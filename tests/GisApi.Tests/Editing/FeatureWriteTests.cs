using System.Net;
using System.Text.Json.Nodes;
using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests.Editing;

/// <summary>
/// OGC API – Features Part 4 create, replace and delete: through the importer's checks, all or nothing, with history.
/// </summary>
public sealed class FeatureWriteTests(EditableApi api) : IClassFixture<EditableApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Feature(string file, int index) =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(RepositoryFiles.Data(file)))!["features"]![index]!.DeepClone();

    [Fact]
    public async Task Create_AddsTheFeature_Once_AndRecordsItsInsert()
    {
        var feature = Feature("parcels.geojson", 0);
        feature["properties"]!["code"] = "NEW-001";
        feature.Remove("id");
        var items = "/ogc/collections/parcels/items";

        var created = await Requests.SendAsync(api.Planner(name: "li"), HttpMethod.Post, items, feature.ToJsonString(), "application/geo+json", null);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.EndsWith("/ogc/collections/parcels/items/NEW-001", created.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.Client().GetAsync(created.Headers.Location, Ct)).StatusCode);
        Assert.Equal($"insert|planner:li@{EditableApi.ParcelSteward}", await api.Database.ScalarAsync<string>(
            "SELECT operation || '|' || actor FROM feature_history WHERE code = 'NEW-001'"));
        // The tag of the answer is the feature's: a replace may name it.
        Assert.Equal(DataVersionETagOf(created.Headers.ETag!.Tag), DataVersionETagOf(await Requests.ETagAsync(api.Client(), Requests.Item("parcels", "NEW-001"))));

        var again = await Requests.SendAsync(api.Planner(), HttpMethod.Post, items, feature.ToJsonString(), "application/geo+json", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    private static uint? DataVersionETagOf(string tag) => LandInventory.GisApi.Http.DataVersionETag.RowVersionOf(tag);

    [Fact]
    public async Task Create_Invalid_Is422WithTheImportersMessages_AndWritesNothing()
    {
        var feature = Feature("parcels.geojson", 1);
        feature["properties"]!["code"] = "NEW-BAD";
        feature["properties"]!["areaId"] = "nowhere";
        feature["properties"]!["leaseTermYears"] = 99;
        var count = await api.Database.ScalarAsync<long>("SELECT count(*) FROM land_parcels");

        var response = await Requests.SendAsync(api.Planner(), HttpMethod.Post, "/ogc/collections/parcels/items",
            feature.ToJsonString(), "application/geo+json", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var fields = (await Requests.JsonAsync(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains("leaseTermYears", fields);
        Assert.Equal(count, await api.Database.ScalarAsync<long>("SELECT count(*) FROM land_parcels"));

        // Another bureau's record is refused before any check.
        feature["properties"]!["stewardId"] = "jk-investment-promotion";
        var foreign = await Requests.SendAsync(api.Planner(), HttpMethod.Post, "/ogc/collections/parcels/items",
            feature.ToJsonString(), "application/geo+json", null);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        var notFeature = await Requests.SendAsync(api.Planner(), HttpMethod.Post, "/ogc/collections/parcels/items",
            "{\"type\":\"FeatureCollection\",\"features\":[]}", "application/geo+json", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notFeature.StatusCode);
    }

    [Fact]
    public async Task Create_InAnUndeclaredSystem_Is422NamingTheSystem_InTheApisWords()
    {
        var feature = Feature("parcels.geojson", 2);
        var original = feature["properties"]!["code"]!.GetValue<string>();
        feature["properties"]!["code"] = "NEW-GK";
        // Gauss-Kruger metres (EPSG:4544, as PostGIS projects the boundary) sent without Content-Crs: read as WGS84.
        feature["geometry"] = JsonNode.Parse(await api.Database.ScalarAsync<string>(
            "SELECT ST_AsGeoJSON(ST_Transform(boundary, 4544), 3) FROM land_parcels WHERE code = @code", ("code", original)));

        var response = await Requests.SendAsync(api.Planner(), HttpMethod.Post, "/ogc/collections/parcels/items",
            feature.ToJsonString(), "application/geo+json", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await Requests.JsonAsync(response);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("they look like EPSG:4544: declare it with Content-Crs: <http://www.opengis.net/def/crs/EPSG/0/4544>", detail,
            StringComparison.Ordinal);
        Assert.DoesNotContain("--crs", detail, StringComparison.Ordinal);
        Assert.Equal("EPSG:4544", problem.GetProperty("errors")[0].GetProperty("suggestedCrs").GetString());
    }

    [Fact]
    public async Task Replace_InGaussKruger_MovesTheBoundary_AsPostGisTransformsIt_AndKeepsOldAndNewInHistory()
    {
        var index = 5;
        var feature = Feature("parcels.geojson", index);
        var code = feature["properties"]!["code"]!.GetValue<string>();
        var url = Requests.Item("parcels", code);
        var etag = await Requests.ETagAsync(api.Client(), url);
        // The same boundary moved 2 m east, sent in CGCS2000 / 3-degree Gauss-Kruger CM 105E (EPSG:4544), as PostGIS projects it.
        var projected = await api.Database.ScalarAsync<string>("""
            SELECT ST_AsGeoJSON(ST_Translate(ST_Transform(boundary, 4544), 2, 0), 3) FROM land_parcels WHERE code = @code
            """, ("code", code));
        feature["geometry"] = JsonNode.Parse(projected);
        feature["properties"]!["nameEn"] = "Renamed by replace";

        var stale = await Requests.SendAsync(api.Planner(), HttpMethod.Put, url, feature.ToJsonString(), "application/geo+json", "\"1.1-x\"",
            "<http://www.opengis.net/def/crs/EPSG/0/4544>");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var response = await Requests.SendAsync(api.Planner(), HttpMethod.Put, url, feature.ToJsonString(), "application/geo+json", etag,
            "<http://www.opengis.net/def/crs/EPSG/0/4544>");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("Renamed by replace", await api.Database.ScalarAsync<string>("SELECT name_en FROM land_parcels WHERE code = @code", ("code", code)));
        // Moved by 2 m (±1 cm), measured by PostGIS between the old boundary kept in the history and the new one.
        var moved = await api.Database.ScalarAsync<double>("""
            SELECT ST_HausdorffDistance(ST_Transform(old_geometry, 4544), ST_Transform(new_geometry, 4544))
            FROM feature_history WHERE code = @code AND operation = 'update'
            """, ("code", code));
        Assert.InRange(moved, 1.99, 2.01);
        // The geodesic area is the database's, computed from the boundary: it moved with it.
        Assert.Equal("boundary,geodesic_area_sqm,name_en", await api.Database.ScalarAsync<string>(
            "SELECT array_to_string(ARRAY(SELECT unnest(fields) ORDER BY 1), ',') FROM feature_history WHERE code = @code AND operation = 'update'",
            ("code", code)));
    }

    [Fact]
    public async Task Delete_RemovesTheFeature_KeepingItInHistory_AndRefusesWhatOthersPointTo()
    {
        var building = await api.Database.ScalarAsync<string>("SELECT code FROM buildings ORDER BY code LIMIT 1");
        var steward = await api.Database.ScalarAsync<string>("SELECT steward_id FROM buildings WHERE code = @code", ("code", building));
        var url = Requests.Item("buildings", building);
        var etag = await Requests.ETagAsync(api.Client(), url);

        Assert.Equal(HttpStatusCode.NoContent, (await Requests.SendAsync(api.Planner(steward), HttpMethod.Delete, url, null, "", etag)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await api.Client().GetAsync(url, Ct)).StatusCode);
        Assert.True(await api.Database.ScalarAsync<bool>(
            "SELECT old_geometry IS NOT NULL FROM feature_history WHERE code = @code AND operation = 'delete'", ("code", building)));
        var history = await Requests.JsonAsync(await api.Client().GetAsync($"{url}/history", Ct));
        Assert.Equal(["insert", "delete"], history.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("operation").GetString()!).ToArray());

        var carrier = await api.Database.ScalarAsync<string>(
            "SELECT c.code FROM industrial_carriers c WHERE EXISTS (SELECT FROM buildings b WHERE b.carrier_id = c.id) ORDER BY 1 LIMIT 1");
        var carrierUrl = Requests.Item("carriers", carrier);
        var refused = await Requests.SendAsync(api.Admin(), HttpMethod.Delete, carrierUrl, null, "", await Requests.ETagAsync(api.Client(), carrierUrl));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await Requests.JsonAsync(refused);
        Assert.Equal("The feature is in use", problem.GetProperty("title").GetString());
        Assert.Contains("(buildings)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(carrier, await api.Database.ScalarAsync<string>("SELECT code FROM industrial_carriers WHERE code = @code", ("code", carrier)));
    }
}
