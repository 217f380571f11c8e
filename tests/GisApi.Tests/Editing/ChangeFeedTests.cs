using System.Net;
using System.Text.Json;

namespace LandInventory.GisApi.Tests.Editing;

/// <summary>The change feed: a subscriber following next links sees every change once, in commit order.</summary>
public sealed class ChangeFeedTests(EditableApi api) : IClassFixture<EditableApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(List<JsonElement> Changes, string Next)> ReadAsync(string url)
    {
        var body = await Requests.JsonAsync(await api.Client().GetAsync(url, Ct));
        return ([.. body.GetProperty("changes").EnumerateArray()], body.GetProperty("links")[0].GetProperty("href").GetString()!);
    }

    /// <summary>Follows next links until <paramref name="count"/> changes came (or ten seconds passed); where it stopped.</summary>
    private async Task<(List<JsonElement> Changes, string Next)> FollowAsync(string url, int count)
    {
        var changes = new List<JsonElement>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var (page, next) = await ReadAsync(url);
            changes.AddRange(page);
            url = new Uri(next).PathAndQuery;
            if (changes.Count >= count || DateTime.UtcNow > deadline)
            {
                return (changes, next);
            }

            if (page.Count == 0)
            {
                await Task.Delay(100, Ct);
            }
        }
    }

    [Fact]
    public async Task Feed_FromATime_ThenByCursor_SeesEachChangeExactlyOnce()
    {
        var start = await api.Database.ScalarAsync<DateTime>("SELECT now()");
        await api.Database.ScalarAsync<int>("UPDATE land_parcels SET status = 'reserved' WHERE code IN ('LQ04(252):2025-05', 'LQ04(252):2025-06') RETURNING 1");
        await api.Database.ScalarAsync<int>("UPDATE industrial_carriers SET rent_cny_per_sqm_month = 40 WHERE code = (SELECT min(code) FROM industrial_carriers) RETURNING 1");

        var expected = await api.Database.ScalarAsync<long[]>("SELECT array_agg(id ORDER BY id) FROM feature_history WHERE changed_at >= @t", ("t", start));
        Assert.Equal(3, expected.Length);

        // Pages of two, following next links; a change shows once every older transaction in the cluster has ended
        // (other tests' imports may still run), so the subscriber polls, as a real one does.
        var (seen, after) = await FollowAsync($"/changes?since={start:yyyy-MM-ddTHH:mm:ss.ffffffZ}&limit=2", expected.Length);
        Assert.Equal(expected, seen.Select(c => c.GetProperty("id").GetInt64()).ToArray());

        // Nothing new: nothing. A new change: exactly it.
        var (none, quiet) = await ReadAsync(new Uri(after).PathAndQuery);
        Assert.Empty(none);
        await api.Database.ScalarAsync<int>("UPDATE land_parcels SET status = 'available' WHERE code = 'LQ04(252):2025-05' RETURNING 1");
        var (fresh, _) = await FollowAsync(new Uri(quiet).PathAndQuery, 1);
        Assert.Equal(["LQ04(252):2025-05"], fresh.Select(c => c.GetProperty("featureId").GetString()!).ToArray());
        Assert.Equal("parcels", fresh[0].GetProperty("layer").GetString());
        Assert.Equal("reserved", fresh[0].GetProperty("changes").GetProperty("status").GetProperty("old").GetString());
    }

    [Fact]
    public async Task Feed_FromATime_LeavesOutOlderChangesOfTransactionsNewerThanTheHorizon()
    {
        // A transaction held open pins the horizon; a newer one then writes a change dated before the start (as a
        // migration's baseline rows are dated by their features), and the real changes follow.
        await using var holder = await api.Database.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync(Ct);
        await using (var xid = new Npgsql.NpgsqlCommand("SELECT pg_current_xact_id()", holder, hold))
        {
            await xid.ExecuteScalarAsync(Ct);
        }

        var old = await api.Database.ScalarAsync<long>("""
            INSERT INTO feature_history (layer, code, operation, actor, changed_at, state)
            VALUES ('land_parcels', 'LQ04(252):2025-07', 'baseline', 'migration', now() - interval '1 year', '{}') RETURNING id
            """);
        var start = await api.Database.ScalarAsync<DateTime>("SELECT now()");
        await api.Database.ScalarAsync<int>("UPDATE land_parcels SET status = 'reserved' WHERE code = 'LQ05(211):2025-01' RETURNING 1");
        var expected = await api.Database.ScalarAsync<long[]>("SELECT array_agg(id ORDER BY id) FROM feature_history WHERE changed_at >= @t", ("t", start));

        // While the holder runs, nothing is final yet; the next window begins at the holder's transaction.
        var (early, next) = await ReadAsync($"/changes?since={start:yyyy-MM-ddTHH:mm:ss.ffffffZ}&limit=10");
        Assert.Empty(early);
        await hold.RollbackAsync(Ct);

        var (seen, _) = await FollowAsync(new Uri(next).PathAndQuery, expected.Length);
        Assert.Equal(expected, seen.Select(c => c.GetProperty("id").GetInt64()).ToArray());
        Assert.DoesNotContain(old, seen.Select(c => c.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Feed_RefusesWhatItCannotRead()
    {
        foreach (var url in new[] { "/changes", "/changes?since=yesterday", "/changes?since=2026-01-01T00:00:00Z&limit=0",
                     "/changes?since=2026-01-01T00:00:00Z&layer=roads", "/changes?since=2026-01-01T00:00:00Z&sort=id",
                     "/changes?since=0.0.0.9223372036854775807", "/changes?since=0.0.0.1.2" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await api.Client().GetAsync(url, Ct)).StatusCode);
        }
    }
}
