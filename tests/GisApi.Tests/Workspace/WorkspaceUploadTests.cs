using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LandInventory.GisApi.Tests.Editing;

namespace LandInventory.GisApi.Tests.Workspace;

/// <summary>
/// Upload and review in a real browser: a Gauss-Krüger file's dry run, its diff and map, the commit, and PostGIS changed
/// exactly as the diff said; a file whose coordinates look like another system, fixed in one click; a review gone stale.
/// Each scenario is a class with a database of its own: they compare files with the parcels, and write them.
/// </summary>
public abstract class UploadPage(WorkspaceApi api)
{
    protected const string Bureau = EditableApi.ParcelSteward;

    protected WorkspaceApi Api => api;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected Task<JsonElement> BrowseAsync(string scenario, params string[] arguments) => api.BrowseAsync(scenario, arguments);

    /// <summary>The bureau's parcels from data/geojson, changed by <paramref name="change"/>, written in <paramref name="crs"/> by GDAL.</summary>
    protected static async Task<string> FileAsync(string crs, Action<JsonArray> change)
    {
        var file = JsonNode.Parse(await File.ReadAllTextAsync(Reviews.ParcelsFile, Ct))!;
        var features = file["features"]!.AsArray();
        foreach (var other in features.Where(f => f!["properties"]!["stewardId"]!.GetValue<string>() != Bureau).ToList())
        {
            features.Remove(other);
        }

        change(features);
        var wgs84 = Path.Combine(Path.GetTempPath(), $"upload-{Guid.NewGuid():N}.geojson");
        await File.WriteAllTextAsync(wgs84, file.ToJsonString(), Ct);
        var projected = Path.Combine(Path.GetTempPath(), $"parcels-{crs.Replace(':', '-')}-{Guid.NewGuid():N}.geojson");
        await Gdal.Ogr2ogrAsync("-f", "GeoJSON", "-t_srs", crs, projected, wgs84);
        File.Delete(wgs84);
        return projected;
    }

    protected static string Code(JsonNode feature) => feature["properties"]!["code"]!.GetValue<string>();

    protected static void MoveNorth(JsonNode feature, double metres)
    {
        foreach (var point in feature["geometry"]!["coordinates"]!.AsArray().SelectMany(p => p!.AsArray()).SelectMany(r => r!.AsArray()))
        {
            point![1] = point[1]!.GetValue<double>() + (metres / 111_320.0);
        }
    }

    protected static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}

[Collection(BrowserScenario.Collection)]
public sealed class WorkspaceUploadTests(WorkspaceApi api) : UploadPage(api), IClassFixture<WorkspaceApi>
{
    [Fact]
    public async Task AGaussKruegerFile_IsReviewedOnTheMap_AndItsCommitChangesPostGisExactlyAsTheDiffSaid()
    {
        var (client, password) = await Api.AccountAsync("upload-planner", "planner", Bureau);
        client.Dispose();
        string[] codes = [];
        var path = await FileAsync("EPSG:4544", features =>
        {
            features[0]!["properties"]!["status"] = features[0]!["properties"]!["status"]!.GetValue<string>() == "withdrawn" ? "reserved" : "withdrawn";
            MoveNorth(features[1]!, 20);
            codes = [Code(features[0]!), Code(features[1]!)];
        });
        var history = await Api.Database.ScalarAsync<long>("SELECT count(*) FROM feature_history");
        var before = await Api.Database.ScalarAsync<string>("SELECT md5(string_agg(p::text, '|' ORDER BY code)) FROM land_parcels p WHERE NOT code = ANY(@c)", ("c", codes));

        var seen = await BrowseAsync("upload", "upload-planner", password, path);
        File.Delete(path);
        var reviewed = seen.GetProperty("reviewed");
        Assert.Equal("succeeded", reviewed.GetProperty("state").GetString());
        Assert.Equal(2, reviewed.GetProperty("counts").GetProperty("changed").GetInt32());
        Assert.Equal(11, reviewed.GetProperty("counts").GetProperty("unchanged").GetInt32());
        var changes = reviewed.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!);
        Assert.Equal(codes.Order(), changes.Keys.Order());
        Assert.Equal(["status"], changes[codes[0]].GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(["geometry"], changes[codes[1]].GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        // The map drew the moved parcel's old and new boundary, and both changed parcels.
        Assert.Equal(1, reviewed.GetProperty("drawn").GetProperty("old").GetInt32());
        Assert.Equal(2, reviewed.GetProperty("drawn").GetProperty("changed").GetInt32());
        Assert.True(reviewed.GetProperty("commit").GetBoolean());
        Assert.Equal(2, seen.GetProperty("back").GetInt32());

        Assert.True(seen.GetProperty("written").GetBoolean());
        Assert.Equal("succeeded", seen.GetProperty("committed").GetProperty("state").GetString());
        Assert.Equal(history + 2, await Api.Database.ScalarAsync<long>("SELECT count(*) FROM feature_history"));
        Assert.Equal(before, await Api.Database.ScalarAsync<string>("SELECT md5(string_agg(p::text, '|' ORDER BY code)) FROM land_parcels p WHERE NOT code = ANY(@c)", ("c", codes)));
        Assert.InRange(await Api.Database.ScalarAsync<double>("""
            SELECT ST_Distance(ST_Centroid(h.old_geometry)::geography, ST_Centroid(p.boundary)::geography)
            FROM land_parcels p JOIN feature_history h ON h.code = p.code WHERE p.code = @c ORDER BY h.id DESC LIMIT 1
            """, ("c", codes[1])), 19.5, 20.5);
    }
}

[Collection(BrowserScenario.Collection)]
public sealed class WorkspaceCrsSuggestionTests(WorkspaceApi api) : UploadPage(api), IClassFixture<WorkspaceApi>
{
    [Fact]
    public async Task AFileThatLooksLikeAnotherSystem_ShowsEachProblem_CommitsNothing_AndTheSuggestionIsOneClick()
    {
        var (client, password) = await Api.AccountAsync("upload-crs", "planner", Bureau);
        client.Dispose();
        var path = await FileAsync("EPSG:4523", _ => { });
        // Zone-prefixed eastings (EPSG:4523), declared as EPSG:4544: what a mislabelled survey file looks like.
        var text = await File.ReadAllTextAsync(path, Ct);
        Assert.Contains("EPSG::4523", text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, text.Replace("EPSG::4523", "EPSG::4544", StringComparison.Ordinal), Ct);
        var before = await Api.Database.ScalarAsync<string>("SELECT md5(string_agg(p::text, '|' ORDER BY code)) FROM land_parcels p");

        var seen = await BrowseAsync("problems", "upload-crs", password, path);
        File.Delete(path);
        var first = seen.GetProperty("first");
        Assert.Equal("invalid", first.GetProperty("state").GetString());
        Assert.False(first.GetProperty("commit").GetBoolean());
        var problems = first.GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal(13, problems.Count);
        Assert.All(problems, p => Assert.Contains("EPSG:4523", p.GetProperty("text").GetString(), StringComparison.Ordinal));
        Assert.Equal("Use EPSG:4523", Strings(seen.GetProperty("suggested")).Distinct().Single());

        var second = seen.GetProperty("second");
        Assert.Equal("succeeded", second.GetProperty("state").GetString());
        Assert.Equal(13, second.GetProperty("counts").GetProperty("unchanged").GetInt32());
        Assert.Contains("EPSG:4523", seen.GetProperty("crs").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await Api.Database.ScalarAsync<string>("SELECT md5(string_agg(p::text, '|' ORDER BY code)) FROM land_parcels p"));
    }
}

[Collection(BrowserScenario.Collection)]
public sealed class WorkspaceStaleReviewTests(WorkspaceApi api) : UploadPage(api), IClassFixture<WorkspaceApi>
{
    [Fact]
    public async Task AReviewGoneStale_IsRefusedAtCommit_ShowsTheNewDifference_AndCommitsWhenReviewedAgain()
    {
        var (client, password) = await Api.AccountAsync("upload-stale", "planner", Bureau);
        client.Dispose();
        var (second, _) = await Api.AccountAsync("upload-meanwhile", "planner", Bureau);
        using var _1 = second;
        var token = await WorkspaceApi.TokenAsync(second, "meanwhile");
        string[] codes = [];
        var path = await FileAsync("EPSG:4326", features =>
        {
            features[3]!["properties"]!["contactName"] = "From the upload";
            codes = [Code(features[3]!), Code(features[4]!)];
        });

        var seen = await BrowseAsync("stale", "upload-stale", password, path, codes[1], token);
        File.Delete(path);
        Assert.Equal([codes[0]], seen.GetProperty("reviewed").GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("key").GetString()));
        Assert.Equal(204, seen.GetProperty("other").GetInt32());
        var stale = seen.GetProperty("stale");
        Assert.Equal("stale", stale.GetProperty("state").GetString());
        Assert.True(stale.GetProperty("notice").GetBoolean());
        Assert.Equal(codes.Order(), stale.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("key").GetString()!).Order());
        Assert.True(seen.GetProperty("written").GetBoolean());
        // What the second review showed is what was written: the upload's contact, and the other change undone.
        Assert.Equal("From the upload", await Api.Database.ScalarAsync<string>("SELECT contact_name FROM land_parcels WHERE code = @c", ("c", codes[0])));
        Assert.NotEqual("Changed meanwhile", await Api.Database.ScalarAsync<string>("SELECT contact_name FROM land_parcels WHERE code = @c", ("c", codes[1])));
    }
}
