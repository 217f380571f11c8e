using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using LandInventory.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LandInventory.GisApi.Tests;

/// <summary>
/// What an answer costs the database in statements (issue 19): a feature without the response cache is read with its
/// tag in one statement, and the tag is the one the cached path gives; statements sent again and again are prepared.
/// </summary>
public sealed class RoundTripTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The statements Npgsql sends to this test's database while <paramref name="act"/> runs (its activities).</summary>
    private async Task<List<string>> StatementsAsync(Func<Task> act)
    {
        var database = new NpgsqlConnectionStringBuilder(api.Database.ConnectionString).Database!;
        var seen = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TagObjects.Any(t => Equals(t.Value, database)))
                {
                    seen.Enqueue(activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string ?? activity.DisplayName);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await act();
        return [.. seen];
    }

    [Fact]
    public async Task AFeature_WithoutTheCache_IsReadWithItsTagInOneStatement_AndTagsAsTheCachedPathDoes()
    {
        await using var uncached = new ApiFactory(api.Database.ConnectionString, ("ResponseCache:Enabled", "false"));
        var client = uncached.CreateClient();
        var url = "/ogc/collections/parcels/items/" + Uri.EscapeDataString("LQ04(252):2025-01");
        await client.GetAsync(url, Ct); // the pool and the model warm

        HttpResponseMessage? answer = null;
        var statements = await StatementsAsync(async () => answer = await client.GetAsync(url, Ct));

        Assert.Equal(HttpStatusCode.OK, answer!.StatusCode);
        Assert.Single(statements);
        var cached = await api.Factory.CreateClient().GetAsync(url, Ct);
        Assert.Equal(cached.Headers.ETag, answer.Headers.ETag);

        // The tag it gave is the one a conditional request and a write compare.
        var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(answer.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again, Ct)).StatusCode);
        var missing = await StatementsAsync(async () => answer = await client.GetAsync("/ogc/collections/parcels/items/no-such", Ct));
        Assert.Equal(HttpStatusCode.NotFound, answer!.StatusCode);
        Assert.Equal(2, missing.Count); // the feature, then the layers' tag for the 404
    }

    [Theory]
    [InlineData("100", 1)]
    [InlineData("0", 0)]
    [InlineData(null, 0)]
    public async Task AStatementSentAgainAndAgain_IsPreparedOnlyWhenConfigured(string? maxAutoPrepare, long expected)
    {
        await using var factory = maxAutoPrepare is null
            ? new ApiFactory(api.Database.ConnectionString)
            : new ApiFactory(api.Database.ConnectionString, ("Database:MaxAutoPrepare", maxAutoPrepare));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
        await db.Database.OpenConnectionAsync(Ct);
        for (var i = 0; i < 6; i++)
        {
            await db.Database.SqlQueryRaw<int>("SELECT 41 + @p AS \"Value\" /* prepared? */", new NpgsqlParameter("p", i)).SingleAsync(Ct);
        }

        Assert.Equal(expected, await db.Database.SqlQueryRaw<long>(
            "SELECT count(*) AS \"Value\" FROM pg_prepared_statements WHERE statement LIKE '%41 + $1%prepared?%'").SingleAsync(Ct));
        // Planned for its values each time: a generic plan of a spatial predicate with parameters cannot use the index well.
        Assert.Equal("force_custom_plan", await db.Database.SqlQueryRaw<string>("SELECT current_setting('plan_cache_mode') AS \"Value\"").SingleAsync(Ct));
    }
}
