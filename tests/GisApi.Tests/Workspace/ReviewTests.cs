using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LandInventory.GisApi.Tests.Editing;
using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests.Workspace;

/// <summary>
/// An import reviewed before it is written: the dry run's report names every change with its old and new value, a
/// boundary moved by less than the survey tolerance is unchanged, and a commit writes exactly what was reviewed — or,
/// when the layer changed since, nothing, reporting the new difference.
/// </summary>
public sealed class ReviewTests(WorkspaceApi api) : IClassFixture<WorkspaceApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheInventorysOwnParcels_AfterARoundTripThrough4544_AreUnchanged_UnlessTheToleranceIsZero()
    {
        var projected = Path.Combine(Path.GetTempPath(), $"parcels-4544-{Guid.NewGuid():N}.geojson");
        await Gdal.Ogr2ogrAsync("-f", "GeoJSON", "-t_srs", "EPSG:4544", projected, Reviews.ParcelsFile);
        var body = await File.ReadAllTextAsync(projected, Ct);
        File.Delete(projected);
        Assert.Contains("4544", body, StringComparison.Ordinal);
        using var admin = await api.AdminAsync();

        var review = await Requests.FinishedAsync(admin, await Reviews.PostAsync(admin, body));
        var layer = review.GetProperty("report").GetProperty("layers")[0];
        Assert.Equal("succeeded", review.GetProperty("state").GetString());
        Assert.Equal(21, layer.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, Reviews.Diff(review).GetArrayLength());

        // The same file without a tolerance: every boundary differs by the round trip's noise, which is all it is.
        await using var strict = new ApiFactory(api.Database.ConnectionString, [.. WorkspaceApi.Settings, ("Imports:SurveyToleranceM", "0")]);
        using var strictAdmin = await WorkspaceApi.SignInAsync(strict, WorkspaceApi.AdminName, WorkspaceApi.AdminPassword);
        var noisy = await Requests.FinishedAsync(strictAdmin, await Reviews.PostAsync(strictAdmin, body));
        var changes = Reviews.Diff(noisy).EnumerateArray().ToList();
        Assert.Equal(21, changes.Count);
        Assert.All(changes, c => Assert.Equal(["geometry"], c.GetProperty("fields").EnumerateArray().Select(f => f.GetString())));
        // And noise is all it is: PostGIS finds every old and new boundary of the report within a centimetre of each other.
        foreach (var change in changes)
        {
            var geometry = change.GetProperty("changes")[0];
            Assert.True(await api.Database.ScalarAsync<bool>(
                "SELECT ST_HausdorffDistance(ST_GeomFromGeoJSON(@o), ST_GeomFromGeoJSON(@n)) < 0.01 / 111700",
                ("o", geometry.GetProperty("old").GetRawText()), ("n", geometry.GetProperty("new").GetRawText())));
        }
    }

    [Fact]
    public async Task ADryRunWithProblems_CannotBeCommitted()
    {
        var file = JsonNode.Parse(await File.ReadAllTextAsync(Reviews.ParcelsFile, Ct))!;
        file["features"]![0]!["properties"]!["status"] = "sold-out";
        using var admin = await api.AdminAsync();
        var review = await Requests.FinishedAsync(admin, await Reviews.PostAsync(admin, file.ToJsonString()));
        Assert.Equal("invalid", review.GetProperty("state").GetString());
        Assert.DoesNotContain(review.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "commit");

        using var refused = await admin.PostAsync(new Uri($"{review.GetProperty("links")[0].GetProperty("href").GetString()}/commit"), null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("dry run that found no problem", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

/// <summary>A commit writes exactly what its dry run reported (a database of its own: it changes the parcels).</summary>
public sealed class CommitTests(WorkspaceApi api) : IClassFixture<WorkspaceApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACommit_WritesExactlyWhatItsDryRunReported()
    {
        var file = JsonNode.Parse(await File.ReadAllTextAsync(Reviews.ParcelsFile, Ct))!;
        var features = file["features"]!.AsArray();
        var (statusOf, contactOf, movedOf) = (features[0]!, features[1]!, features[2]!);
        statusOf["properties"]!["status"] = "withdrawn";
        contactOf["properties"]!["contactName"] = "Reviewed Contact";
        // 20 m north: far beyond the tolerance.
        foreach (var polygon in movedOf["geometry"]!["coordinates"]!.AsArray())
        {
            foreach (var ring in polygon!.AsArray())
            {
                foreach (var point in ring!.AsArray())
                {
                    point![1] = point[1]!.GetValue<double>() + (20 / 111_320.0);
                }
            }
        }

        var codes = new[] { statusOf, contactOf, movedOf }.Select(f => f["properties"]!["code"]!.GetValue<string>()).ToArray();
        using var admin = await api.AdminAsync();
        var historyBefore = await api.Database.ScalarAsync<long>("SELECT count(*) FROM feature_history");
        var oldStatus = await api.Database.ScalarAsync<string>("SELECT status::text FROM land_parcels WHERE code = @c", ("c", codes[0]));

        var review = await Requests.FinishedAsync(admin, await Reviews.PostAsync(admin, file.ToJsonString()));
        var diff = Reviews.Diff(review).EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!);
        Assert.Equal(codes.Order(), diff.Keys.Order());
        var status = Assert.Single(diff[codes[0]].GetProperty("changes").EnumerateArray());
        Assert.Equal(("status", oldStatus, "withdrawn"), (status.GetProperty("field").GetString(), status.GetProperty("old").GetString(), status.GetProperty("new").GetString()));
        Assert.Equal("Reviewed Contact", diff[codes[1]].GetProperty("changes")[0].GetProperty("new").GetString());
        var moved = diff[codes[2]].GetProperty("changes")[0];
        Assert.Equal("geometry", moved.GetProperty("field").GetString());
        Assert.Equal("MultiPolygon", moved.GetProperty("old").GetProperty("type").GetString());
        Assert.Equal(historyBefore, await api.Database.ScalarAsync<long>("SELECT count(*) FROM feature_history"));
        Assert.Contains(review.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "commit");

        var self = new Uri(review.GetProperty("links")[0].GetProperty("href").GetString()!);
        var committed = await Reviews.CommitAsync(admin, self);
        Assert.Equal("succeeded", committed.GetProperty("state").GetString());
        Assert.Equal(Reviews.Diff(review).GetRawText(), Reviews.Diff(committed).GetRawText());
        // PostGIS changed as the review said: three features, one history entry each, the boundary 20 m away.
        Assert.Equal(historyBefore + 3, await api.Database.ScalarAsync<long>("SELECT count(*) FROM feature_history"));
        Assert.Equal(codes.Order(), (await api.Database.ScalarAsync<string>(
            "SELECT string_agg(code, ',' ORDER BY code) FROM feature_history WHERE id > (SELECT max(id) - 3 FROM feature_history)")).Split(','));
        Assert.Equal("withdrawn", await api.Database.ScalarAsync<string>("SELECT status::text FROM land_parcels WHERE code = @c", ("c", codes[0])));
        Assert.InRange(await api.Database.ScalarAsync<double>("""
            SELECT ST_Distance(ST_Centroid(boundary)::geography, ST_Centroid(ST_GeomFromGeoJSON(@old))::geography) FROM land_parcels WHERE code = @c
            """, ("c", codes[2]), ("old", moved.GetProperty("old").GetRawText())), 19.5, 20.5);

        // A review is committed once.
        using var again = await admin.PostAsync(new Uri($"{self}/commit"), null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }
}

/// <summary>A commit after someone changed the layer writes nothing and reports the new difference (a database of its own).</summary>
public sealed class StaleReviewTests(WorkspaceApi api) : IClassFixture<WorkspaceApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACommit_AfterSomeoneChangedTheLayer_WritesNothing_AndReportsTheNewDifference()
    {
        var file = JsonNode.Parse(await File.ReadAllTextAsync(Reviews.ParcelsFile, Ct))!;
        var feature = file["features"]![5]!;
        var code = feature["properties"]!["code"]!.GetValue<string>();
        feature["properties"]!["depositWanYuan"] = 777;
        using var admin = await api.AdminAsync();
        var review = await Requests.FinishedAsync(admin, await Reviews.PostAsync(admin, file.ToJsonString()));
        var self = new Uri(review.GetProperty("links")[0].GetProperty("href").GetString()!);

        // Meanwhile a planner confirms another parcel of the layer.
        var other = file["features"]![6]!["properties"]!["code"]!.GetValue<string>();
        var url = Requests.Item("parcels", other);
        using var changed = await Requests.PatchAsync(admin, url, new { verifiedOn = "2026-11-30" }, await Requests.ETagAsync(admin, url));
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        var before = await api.Database.ScalarAsync<string>("SELECT md5(string_agg(p::text, '|' ORDER BY code)) FROM land_parcels p");

        var stale = await Reviews.CommitAsync(admin, self);
        Assert.Equal("stale", stale.GetProperty("state").GetString());
        Assert.Equal(before, await api.Database.ScalarAsync<string>("SELECT md5(string_agg(p::text, '|' ORDER BY code)) FROM land_parcels p"));
        // The new difference: the file would now also undo the planner's confirmation.
        var diff = Reviews.Diff(stale).EnumerateArray().Select(c => c.GetProperty("key").GetString()).Order().ToArray();
        Assert.Equal(new[] { code, other }.Order(), diff);
        Assert.NotEqual(review.GetProperty("basis").GetInt64(), stale.GetProperty("basis").GetInt64());

        // Reviewed again and committed, it writes.
        var written = await Reviews.CommitAsync(admin, new Uri(stale.GetProperty("links")[0].GetProperty("href").GetString()!));
        Assert.Equal("succeeded", written.GetProperty("state").GetString());
        Assert.Equal(777m, await api.Database.ScalarAsync<decimal>("SELECT deposit_wan_yuan FROM land_parcels WHERE code = @c", ("c", code)));
    }
}

/// <summary>What the review tests share: the inventory's parcels file, posting a dry run, committing it.</summary>
internal static class Reviews
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string ParcelsFile => Path.Combine(RepositoryFiles.Root, "data", "geojson", "parcels.geojson");

    public static async Task<Uri> PostAsync(HttpClient client, string body, string query = "layer=parcels&dryRun=true")
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/geo+json");
        using var posted = await client.PostAsync($"/imports?{query}", content, Ct);
        Assert.True(posted.StatusCode == HttpStatusCode.Accepted, await posted.Content.ReadAsStringAsync(Ct));
        return posted.Headers.Location!;
    }

    public static async Task<JsonElement> CommitAsync(HttpClient client, Uri review)
    {
        using var committed = await client.PostAsync(new Uri($"{review}/commit"), null, Ct);
        Assert.True(committed.StatusCode == HttpStatusCode.Accepted, await committed.Content.ReadAsStringAsync(Ct));
        return await Requests.FinishedAsync(client, committed.Headers.Location!);
    }

    public static JsonElement Diff(JsonElement job) => job.GetProperty("report").GetProperty("layers")[0].GetProperty("changes");
}
