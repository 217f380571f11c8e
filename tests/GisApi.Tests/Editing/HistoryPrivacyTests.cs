using System.Net;
using System.Text.Json;

namespace LandInventory.GisApi.Tests.Editing;

/// <summary>
/// Who changed a feature: the zone's planners and admins read the writer's identity; anyone else the kind of writer and
/// a planner's bureau only — in a feature's history, in the change feed, and in what caches keep of them.
/// </summary>
public sealed class HistoryPrivacyTests(EditableApi api) : IClassFixture<EditableApi>
{
    private const string Person = "wang.fang@example.cn";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IEnumerable<string> Actors(JsonElement body) =>
        body.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("actor").GetString()!);

    [Fact]
    public async Task Writers_AreNamedToStaff_AndToAnyoneElseByBureau()
    {
        var url = Requests.Item("parcels", Requests.Parcel);
        var since = await api.Database.ScalarAsync<DateTime>("SELECT now()");
        var patched = await Requests.PatchAsync(api.Planner(name: Person), url, new { startingPrice = 1234567 },
            await Requests.ETagAsync(api.Client(), url));
        Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
        var recorded = $"planner:{Person}@{EditableApi.ParcelSteward}";
        Assert.Equal(1L, await api.Database.ScalarAsync<long>(
            "SELECT count(*) FROM feature_history WHERE code = @code AND actor = @actor", ("code", Requests.Parcel), ("actor", recorded)));

        var history = $"{url}/history?limit=1000";
        var feed = $"/changes?since={since:yyyy-MM-ddTHH:mm:ss.fffZ}&layer=parcels";
        // The feed shows a change once every older transaction of the cluster has ended, which other tests' may delay.
        for (var deadline = DateTime.UtcNow.AddSeconds(20); !Actors(await Requests.JsonAsync(await api.Client().GetAsync(feed, Ct))).Any();)
        {
            Assert.True(DateTime.UtcNow < deadline, "the change did not reach the feed in 20 s");
            await Task.Delay(100, Ct);
        }

        // The anonymous answer first, so that a kept staff answer could not be what it gets; then staff, then anonymous again.
        foreach (var (client, staff) in new[] { (api.Client(), false), (api.Admin(), true), (api.Planner("jk-investment-promotion"), true), (api.Client(), false) })
        {
            foreach (var page in new[] { history, feed })
            {
                var response = await client.GetAsync(page, Ct);
                var text = await response.Content.ReadAsStringAsync(Ct);
                Assert.True(response.IsSuccessStatusCode, text);
                var actors = Actors(JsonDocument.Parse(text).RootElement).ToList();
                if (staff)
                {
                    Assert.Contains(recorded, actors);
                }
                else
                {
                    Assert.DoesNotContain(Person, text, StringComparison.Ordinal);
                    Assert.Contains($"planner@{EditableApi.ParcelSteward}", actors);
                    Assert.All(actors, a => Assert.Matches("^(planner@[a-z0-9-]+|admin|importer|database)$", a));
                }
            }
        }

        // A shared cache must not hand one audience's answer to the other.
        var anonymous = await api.Client().GetAsync(history, Ct);
        Assert.Contains("Authorization", anonymous.Headers.Vary);
        Assert.Contains("Cookie", anonymous.Headers.Vary);
        var admin = await api.Admin().GetAsync(history, Ct);
        Assert.NotEqual(anonymous.Headers.ETag, admin.Headers.ETag);
        Assert.True(admin.Headers.CacheControl!.Private);
    }
}
