using System.Collections.Concurrent;
using System.Net;
using Npgsql;
using LandInventory.GisApi.Tests.Editing;

namespace LandInventory.GisApi.Tests.Operations;

/// <summary>
/// The database goes away under load and comes back: requests fail fast with 503 meanwhile (never a 500), the service
/// recovers by itself, and every write that was acknowledged is in the database and its history exactly once.
/// </summary>
public sealed class DatabaseOutageTests(EditableApi api) : IClassFixture<EditableApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DatabaseDown_UnderLoad_503s_ThenRecovers_LosingAndDuplicatingNothing()
    {
        var direct = new NpgsqlConnectionStringBuilder(api.Database.ConnectionString);
        await using var proxy = new TcpProxy(direct.Host!, direct.Port);
        var proxied = new NpgsqlConnectionStringBuilder(api.Database.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3 };
        await using var factory = new ApiFactory(proxied.ConnectionString,
            ("Auth:SigningKey", EditableApi.SigningKey), ("ResponseCache:Enabled", "false"), ("Warmup:Enabled", "false"));
        var reader = factory.CreateClient();
        var writer = factory.CreateClient();
        writer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            LandInventory.Auth.DevelopmentTokens.Mint(api.Settings, "outage-writer", LandInventory.Auth.Roles.Admin, null, TimeSpan.FromHours(1)));
        const string code = "LQ05(211):2025-01";
        var url = Requests.Item("parcels", code);
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var acknowledged = new ConcurrentQueue<decimal>();
        var attempted = new ConcurrentQueue<decimal>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        async Task ReadLoop(int offset)
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await reader.GetAsync($"/ogc/collections/parcels/items?limit=5&offset={offset}", CancellationToken.None);
                statuses.Add(response.StatusCode);
            }
        }

        async Task WriteLoop()
        {
            var price = 1000m;
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(50, CancellationToken.None);
                var get = await reader.GetAsync(url, CancellationToken.None);
                statuses.Add(get.StatusCode);
                if (get.StatusCode != HttpStatusCode.OK)
                {
                    continue;
                }

                price += 1;
                attempted.Enqueue(price);
                var patch = await Requests.PatchAsync(writer, url, new { startingPrice = price }, get.Headers.ETag!.Tag);
                statuses.Add(patch.StatusCode);
                if (patch.StatusCode == HttpStatusCode.NoContent)
                {
                    acknowledged.Enqueue(price);
                }
            }
        }

        var load = new[] { ReadLoop(0), ReadLoop(5), ReadLoop(10), WriteLoop() };
        await Task.Delay(1000, Ct);
        proxy.Cut();
        await Task.Delay(2000, Ct);
        var duringOutage = await reader.GetAsync("/ogc/collections/parcels/items?limit=1", Ct);
        var readyDuringOutage = await reader.GetAsync("/health/ready", Ct);
        proxy.Restore();
        // Recovery needs no restart: the first requests after it may still meet a dropped pooled connection.
        var recovered = false;
        for (var i = 0; i < 100 && !recovered; i++)
        {
            recovered = (await reader.GetAsync("/health/ready", Ct)).StatusCode == HttpStatusCode.OK;
            await Task.Delay(100, Ct);
        }

        var writesBeforeRecovery = acknowledged.Count;
        for (var i = 0; i < 100 && acknowledged.Count <= writesBeforeRecovery; i++)
        {
            await Task.Delay(100, Ct);
        }

        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, duringOutage.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyDuringOutage.StatusCode);
        Assert.True(recovered, "the service did not become ready again after the database came back");
        Assert.True(acknowledged.Count > writesBeforeRecovery, "no write succeeded after the recovery");
        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.NoContent or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.PreconditionFailed, $"unexpected {s}"));
        // Every acknowledged write is in the history exactly once, and the last one is what the database holds. A write
        // whose answer the outage cut may have committed all the same (the client saw 503 and, retrying with its old
        // ETag, would get 412): such a write is in the history once too — nothing lost, nothing twice.
        var recorded = await api.Database.ScalarAsync<decimal[]>("""
            SELECT coalesce(array_agg((changes -> 'starting_price' ->> 'new')::numeric ORDER BY id), '{}') FROM feature_history
            WHERE code = @code AND actor = 'admin:outage-writer'
            """, ("code", code));
        Assert.Equal(recorded.Distinct().Count(), recorded.Length);
        Assert.Subset(recorded.ToHashSet(), acknowledged.ToHashSet());
        Assert.Superset(recorded.ToHashSet(), attempted.ToHashSet());
        Assert.Equal(recorded.Order().ToArray(), recorded);
        Assert.Equal(recorded.Last(), await api.Database.ScalarAsync<decimal>(
            "SELECT starting_price FROM land_parcels WHERE code = @code", ("code", code)));
    }
}
