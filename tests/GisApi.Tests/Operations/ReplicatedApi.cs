using System.Net.Http.Headers;
using System.Text.Json;
using LandInventory.Auth;
using LandInventory.GisApi.Tests.Editing;
using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests.Operations;

/// <summary>
/// The API on a primary and a real streaming replica of it (<see cref="StreamingReplication"/>), the replica given as
/// <c>ConnectionStrings:InventoryRead</c>; the zone's inventory imported on the primary before the replica was copied.
/// The response cache is off, so that every answer is read from the database that serves it.
/// </summary>
public sealed class ReplicatedApi : IAsyncLifetime
{
    public StreamingReplication Servers { get; private set; } = null!;

    public ApiFactory Factory { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Servers = await StreamingReplication.StartPrimaryAsync();
        await InventoryData.ImportAsync(Servers.PrimaryConnectionString);
        await Servers.StartReplicaAsync();
        Factory = new ApiFactory(Servers.PrimaryConnectionString, ("ConnectionStrings:InventoryRead", Servers.ReplicaConnectionString),
            ("Auth:SigningKey", EditableApi.SigningKey), ("Warmup:Enabled", "false"), ("ResponseCache:Enabled", "false"));
        await UntilAsync(h => h.GetProperty("replicas")[0].GetProperty("status").GetString() == "up");
    }

    public HttpClient Anonymous() => Factory.CreateClient();

    public HttpClient Planner()
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Mint(
            new TokenOptions { SigningKey = EditableApi.SigningKey }, "replicated", Roles.Planner, EditableApi.ParcelSteward, TimeSpan.FromHours(1)));
        return client;
    }

    /// <summary>Until <c>/health/ready</c> answers what <paramref name="seen"/> waits for (the monitor looks each second); that answer.</summary>
    public async Task<JsonElement> UntilAsync(Func<JsonElement, bool> seen)
    {
        var client = Anonymous();
        JsonElement health = default;
        for (var i = 0; i < 150; i++)
        {
            health = await Requests.JsonAsync(await client.GetAsync("/health/ready", TestContext.Current.CancellationToken));
            if (health.TryGetProperty("replicas", out var replicas) && replicas.ValueKind == JsonValueKind.Array && seen(health))
            {
                return health;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"readiness never said what the test waits for: {health}");
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Servers.DisposeAsync();
    }
}
