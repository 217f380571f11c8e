using System.Net;
using System.Text.Json;

namespace LandInventory.GisApi.Tests.Editing;

/// <summary>The change feed: a subscriber following next links sees every change once, in commit order.</summary>
public sealed class ChangeFeedTests(EditableApi api) : IClassFixture<EditableApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(List<JsonElement> Changes, string Next)> ReadAsync(string url)
    {
        var body = await Http.JsonAsync(await api.Client().GetAsync(url, Ct));
        return ([.. body.GetProperty("changes").EnumerateArray()], body.GetProperty("links")[0].GetProperty("href").GetString()!);
    }

    [Fact]
    public async Task Feed_FromATime_ThenByCursor_SeesEachChangeExactlyOnce()
    {
        var start = await api.Database.ScalarAsync<DateTime>("SELECT now()");
        await api.Database.ScalarAsync<int>("UPDATE land_parcels SET status = 'reserved' WHERE code IN ('LQ04(252):2025-05', 'LQ04(252):2025-06') RETURNING 1");
        await api.Database.ScalarAsync<int>("UPDATE industrial_carriers SET rent_cny_per_sqm_month = 40 WHERE code = (SELECT min(code) FROM industrial_carriers) RETURNING 1");

        var (first, next) = await ReadAsync($"/changes?since={start:yyyy-MM-ddTHH:mm:ss.ffffffZ}&limit=2");
        Assert.Equal(2, first.Count);
        var (second, next2) = await ReadAsync(new Uri(next).PathAndQuery);
        var (third, next3) = await ReadAsync(new Uri(next2).PathAndQuery);
        var seen = first.Concat(second).Concat(third).Select(c => c.GetProperty("id").GetInt64()).ToList();
        var expected = await api.Database.ScalarAsync<long[]>("SELECT array_agg(id ORDER BY id) FROM feature_history WHERE changed_at >= @t", ("t", start));
        Assert.Equal(expected, seen);
        Assert.Equal(3, seen.Count);
        Assert.Empty(third);

        // Nothing new: nothing. A new change: exactly it.
        var (none, after) = await ReadAsync(new Uri(next3).PathAndQuery);
        Assert.Empty(none);
        await api.Database.ScalarAsync<int>("UPDATE land_parcels SET status = 'available' WHERE code = 'LQ04(252):2025-05' RETURNING 1");
        var (fresh, _) = await ReadAsync(new Uri(after).PathAndQuery);
        Assert.Equal(["LQ04(252):2025-05"], fresh.Select(c => c.GetProperty("featureId").GetString()!).ToArray());
        Assert.Equal("parcels", fresh[0].GetProperty("layer").GetString());
        Assert.Equal("reserved", fresh[0].GetProperty("changes").GetProperty("status").GetProperty("old").GetString());
    }

    [Fact]
    public async Task Feed_RefusesWhatItCannotRead()
    {
        foreach (var url in new[] { "/changes", "/changes?since=yesterday", "/changes?since=2026-01-01T00:00:00Z&limit=0",
                     "/changes?since=2026-01-01T00:00:00Z&layer=roads", "/changes?since=2026-01-01T00:00:00Z&sort=id" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await api.Client().GetAsync(url, Ct)).StatusCode);
        }
    }
}
