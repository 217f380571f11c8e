using System.Net;
using System.Text.Json;
using LandInventory.GisApi.Tests.Editing;

namespace LandInventory.GisApi.Tests.Operations;

/// <summary>
/// Reads on a real streaming replica: anonymous reads are the replica's, a client's reads after its own write see the
/// write (the write's log position, carried back), a lagging replica is seen lagging, a replica that stops leaves the
/// reads to the primary, and a primary that stops leaves the reads going on while writes answer 503.
/// </summary>
public sealed class ReplicaTests(ReplicatedApi api) : IClassFixture<ReplicatedApi>
{
    private const string Code = "LQ04(252):2025-02";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Url => Requests.Item("parcels", Code);

    /// <summary>The replica's lag as readiness gives it; none at a look when the primary did not answer in time (not yet known).</summary>
    private static long? Lag(JsonElement health) =>
        health.GetProperty("replicas")[0].GetProperty("lagBytes") is { ValueKind: JsonValueKind.Number } lag ? lag.GetInt64() : null;

    /// <summary>The parcel's status as <paramref name="client"/> reads it.</summary>
    private static async Task<string?> StatusAsync(HttpClient client, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Url);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Requests.JsonAsync(response)).GetProperty("properties").GetProperty("status").GetString();
    }

    private async Task<HttpResponseMessage> WriteStatusAsync(string status)
    {
        var planner = api.Planner();
        return await Requests.PatchAsync(planner, Url, new { status }, await Requests.ETagAsync(planner, Url));
    }

    /// <summary>A status other than the parcel's now, so that a read tells whether it saw the write.</summary>
    private async Task<string> OtherStatusAsync() => await StatusAsync(api.Planner()) == "reserved" ? "underNegotiation" : "reserved";

    [Fact]
    public async Task AnonymousReads_AreTheReplicas_AndAWritersReadsSeeTheirWrite_ThoughTheReplicaLags()
    {
        var before = await StatusAsync(api.Anonymous());
        var next = await OtherStatusAsync();
        await api.Servers.PauseReplayAsync();
        try
        {
            var written = await WriteStatusAsync(next);
            Assert.Equal(HttpStatusCode.NoContent, written.StatusCode);
            var position = Assert.Single(written.Headers.GetValues("LandInventory-LSN"));
            Assert.Contains(written.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"landinventory-lsn={Uri.EscapeDataString(position)};", StringComparison.Ordinal));

            // The replica has not replayed the write: anonymous reads, its own, do not see it yet …
            Assert.Equal(before, await StatusAsync(api.Anonymous()));
            // … the writer's (with credentials) and any carrying the write's position (header or cookie) are the primary's.
            Assert.Equal(next, await StatusAsync(api.Planner()));
            Assert.Equal(next, await StatusAsync(api.Anonymous(), ("LandInventory-LSN", position)));
            Assert.Equal(next, await StatusAsync(api.Anonymous(), ("Cookie", $"landinventory-lsn={position}")));
            var malformed = await api.Anonymous().SendAsync(new HttpRequestMessage(HttpMethod.Get, Url) { Headers = { { "LandInventory-LSN", "yesterday" } } }, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);

            // Readiness shows the lag, in bytes of the primary's log not replayed yet.
            var lagging = await api.UntilAsync(h => Lag(h) > 0);
            Assert.Equal("up", lagging.GetProperty("replicas")[0].GetProperty("status").GetString());
        }
        finally
        {
            await api.Servers.ResumeReplayAsync();
        }

        // Caught up, the replica's answer is the write.
        await api.UntilAsync(h => Lag(h) == 0);
        Assert.Equal(next, await StatusAsync(api.Anonymous()));
    }

    [Fact]
    public async Task AReplicaThatStops_LeavesTheReadsToThePrimary_AndReadinessSaysSo_UntilItIsBack()
    {
        var next = await OtherStatusAsync();
        await api.Servers.StopReplicaAsync();
        try
        {
            var down = await api.UntilAsync(h => h.GetProperty("replicas")[0].GetProperty("status").GetString() == "down");
            Assert.Equal("degraded", down.GetProperty("status").GetString());
            Assert.Equal("up", down.GetProperty("database").GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.OK, (await api.Anonymous().GetAsync("/health/ready", Ct)).StatusCode);
            var written = await WriteStatusAsync(next);
            Assert.Equal(HttpStatusCode.NoContent, written.StatusCode);
            Assert.Equal(next, await StatusAsync(api.Anonymous())); // the primary's answer
            Assert.Equal(HttpStatusCode.OK, (await api.Anonymous().GetAsync("/ogc/collections/parcels/items?limit=5", Ct)).StatusCode);
        }
        finally
        {
            await api.Servers.StartReplicaAgainAsync();
        }

        var back = await api.UntilAsync(h => h.GetProperty("replicas")[0].GetProperty("status").GetString() == "up");
        Assert.Equal("healthy", back.GetProperty("status").GetString());
        for (var i = 0; i < 5; i++)
        {
            // Its connections from before it stopped are let go of: none of these reads meets a dead one.
            Assert.Equal(next, await StatusAsync(api.Anonymous()));
        }
    }

    [Fact]
    public async Task WithThePrimaryStopped_ReadsGoOnFromTheReplica_AndWritesAre503()
    {
        var before = await StatusAsync(api.Anonymous());
        var etag = await Requests.ETagAsync(api.Planner(), Url);
        var other = await OtherStatusAsync();
        await api.Servers.StopPrimaryAsync();
        try
        {
            var degraded = await api.UntilAsync(h => h.GetProperty("database").GetProperty("status").GetString() == "down");
            Assert.Equal("degraded", degraded.GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.OK, (await api.Anonymous().GetAsync("/health/ready", Ct)).StatusCode);
            Assert.Equal(before, await StatusAsync(api.Anonymous()));
            var page = await api.Anonymous().GetAsync("/ogc/collections/parcels/items?limit=5", Ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal(5, (await Requests.JsonAsync(page)).GetProperty("features").GetArrayLength());

            var write = await Requests.PatchAsync(api.Planner(), Url, new { status = other }, etag);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
            Assert.Equal("application/problem+json", write.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            await api.Servers.StartPrimaryAgainAsync();
        }

        await api.UntilAsync(h => h.GetProperty("status").GetString() == "healthy");
        Assert.Equal(HttpStatusCode.NoContent, (await WriteStatusAsync(await OtherStatusAsync())).StatusCode);
    }
}
