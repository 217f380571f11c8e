using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LandInventory.GisApi.Tests.Editing;

namespace LandInventory.GisApi.Tests.Workspace;

/// <summary>
/// An earlier version restored as a new change: through the API (a moved boundary back where it was, If-Match, the
/// bureau rule) and in the workspace's timeline in a real browser. A database of its own: it writes the parcels.
/// </summary>
[Collection(BrowserScenario.Collection)]
public sealed class RestoreTests(WorkspaceApi api) : IClassFixture<WorkspaceApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Restore(string code, long change) => $"{Requests.Item("parcels", code)}/history/{change}/restore";

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string? ifMatch) =>
        Requests.SendAsync(client, HttpMethod.Post, url, null, "application/json", ifMatch);

    [Fact]
    public async Task RestoringTheVersionBeforeAMove_PutsTheBoundaryBack_AsANewChange_WithIfMatchAndTheBureauRule()
    {
        var code = await api.Database.ScalarAsync<string>("SELECT code FROM land_parcels WHERE steward_id = @b ORDER BY code LIMIT 1", ("b", EditableApi.ParcelSteward));
        var first = await api.Database.ScalarAsync<long>("SELECT max(id) FROM feature_history WHERE code = @c", ("c", code));
        var original = await api.Database.ScalarAsync<string>("SELECT ST_AsEWKT(boundary) FROM land_parcels WHERE code = @c", ("c", code));
        using var admin = await api.AdminAsync();
        // Moved 30 m by a replace, and its contact changed.
        using (var item = await admin.GetAsync(Requests.Item("parcels", code), Ct))
        {
            var feature = JsonNode.Parse(await item.Content.ReadAsStringAsync(Ct))!;
            var properties = JsonNode.Parse(await File.ReadAllTextAsync(Reviews.ParcelsFile, Ct))!["features"]!.AsArray()
                .Single(f => f!["properties"]!["code"]!.GetValue<string>() == code)!["properties"]!.DeepClone();
            properties["contactName"] = "After the move";
            foreach (var point in feature["geometry"]!["coordinates"]!.AsArray().SelectMany(p => p!.AsArray()).SelectMany(r => r!.AsArray()))
            {
                point![1] = point[1]!.GetValue<double>() + (30 / 111_320.0);
            }

            var moved = new JsonObject { ["type"] = "Feature", ["geometry"] = feature["geometry"]!.DeepClone(), ["properties"] = properties };
            using var put = await Requests.SendAsync(admin, HttpMethod.Put, Requests.Item("parcels", code), moved.ToJsonString(), "application/geo+json",
                item.Headers.ETag!.Tag);
            Assert.True(put.StatusCode == HttpStatusCode.NoContent, await put.Content.ReadAsStringAsync(Ct));
        }

        using var noIfMatch = await PostAsync(admin, Restore(code, first), null);
        Assert.Equal(HttpStatusCode.PreconditionRequired, noIfMatch.StatusCode);
        using var stale = await PostAsync(admin, Restore(code, first), "\"not-the-tag\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var (other, _) = await api.AccountAsync("restore-other", "planner", "jk-investment-promotion");
        using var _1 = other;
        using var foreign = await PostAsync(other, Restore(code, first), await Requests.ETagAsync(other, Requests.Item("parcels", code)));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        using var missing = await PostAsync(admin, Restore(code, long.MaxValue), await Requests.ETagAsync(admin, Requests.Item("parcels", code)));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var history = await api.Database.ScalarAsync<long>("SELECT count(*) FROM feature_history WHERE code = @c", ("c", code));
        using var restored = await PostAsync(admin, Restore(code, first), await Requests.ETagAsync(admin, Requests.Item("parcels", code)));
        Assert.True(restored.StatusCode == HttpStatusCode.NoContent, await restored.Content.ReadAsStringAsync(Ct));
        Assert.True(await api.Database.ScalarAsync<bool>(
            "SELECT ST_HausdorffDistance(boundary, ST_GeomFromEWKT(@o)) < 1e-8 FROM land_parcels WHERE code = @c", ("c", code), ("o", original)));
        Assert.NotEqual("After the move", await api.Database.ScalarAsync<string?>("SELECT contact_name FROM land_parcels WHERE code = @c", ("c", code)));
        Assert.Equal(history + 1, await api.Database.ScalarAsync<long>("SELECT count(*) FROM feature_history WHERE code = @c", ("c", code)));
        Assert.Equal("admin:admin|true", await api.Database.ScalarAsync<string>(
            "SELECT actor || '|' || (old_geometry IS NOT NULL) FROM feature_history WHERE code = @c ORDER BY id DESC LIMIT 1", ("c", code)));
    }

    [Fact]
    public async Task TheTimeline_ShowsWhoChangedWhat_AndRestoresAnEarlierVersionInTheBrowser()
    {
        var (planner, password) = await api.AccountAsync("restore-planner", "planner", EditableApi.ParcelSteward);
        using var _1 = planner;
        var code = await api.Database.ScalarAsync<string>("SELECT code FROM land_parcels WHERE steward_id = @b ORDER BY code OFFSET 3 LIMIT 1", ("b", EditableApi.ParcelSteward));
        var url = Requests.Item("parcels", code);
        var status = await api.Database.ScalarAsync<string>("SELECT status::text FROM land_parcels WHERE code = @c", ("c", code));
        var otherStatus = status == "withdrawn" ? "reserved" : "withdrawn";
        using (var a = await Requests.PatchAsync(planner, url, new { contactName = "Version A" }, await Requests.ETagAsync(planner, url)))
        {
            Assert.Equal(HttpStatusCode.NoContent, a.StatusCode);
        }

        var versionA = await api.Database.ScalarAsync<long>("SELECT max(id) FROM feature_history WHERE code = @c", ("c", code));
        using (var b = await Requests.PatchAsync(planner, url, new { contactName = "Version B", status = otherStatus }, await Requests.ETagAsync(planner, url)))
        {
            Assert.Equal(HttpStatusCode.NoContent, b.StatusCode);
        }

        var seen = await api.BrowseAsync("history", "restore-planner", password, code, versionA.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var before = seen.GetProperty("before").EnumerateArray().ToList();
        Assert.Equal(await api.Database.ScalarAsync<long>("SELECT count(*) FROM feature_history WHERE code = @c", ("c", code)) - 1, before.Count);
        Assert.Contains($"planner:restore-planner@{EditableApi.ParcelSteward}", before[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("Contact: Version A → Version B", before[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("Status:", before[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.False(before[0].GetProperty("restorable").GetBoolean());
        Assert.StartsWith("Restored", seen.GetProperty("status").GetString(), StringComparison.Ordinal);
        Assert.Equal($"Version A|{status}", await api.Database.ScalarAsync<string>(
            "SELECT contact_name || '|' || status::text FROM land_parcels WHERE code = @c", ("c", code)));
    }
}
