using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LandInventory.GisApi.Tests.Editing;

namespace LandInventory.GisApi.Tests.Workspace;

/// <summary>
/// Signing in through the zone's OpenID Connect provider instead of local accounts, in a real browser: the provider's
/// planner gets their bureau's records and writes as them; a token without a role the API knows gets no session; local
/// password sign-in is off; personal access tokens are local accounts' only.
/// </summary>
[Collection(BrowserScenario.Collection)]
public sealed class IdentityProviderTests(WorkspaceApi api) : IClassFixture<WorkspaceApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<JsonElement> BrowseAsync(TestIdentityProvider provider, string scenario, params string[] arguments) =>
        api.BrowseAsync(provider.Settings, scenario, arguments);

    [Fact]
    public async Task AProvidersPlanner_SignsIn_SeesTheirBureausRecords_AndWritesAsThemselves()
    {
        await using var provider = await TestIdentityProvider.StartAsync("wang.fang", "planner", EditableApi.ParcelSteward);
        var code = await api.Database.ScalarAsync<string>("SELECT code FROM land_parcels WHERE steward_id = @b ORDER BY code LIMIT 1", ("b", EditableApi.ParcelSteward));

        var seen = await BrowseAsync(provider, "provider", code);

        Assert.Equal("records", seen.GetProperty("view").GetString());
        Assert.StartsWith("wang.fang · Longquanyi", seen.GetProperty("who").GetString(), StringComparison.Ordinal);
        var mine = (await api.Database.ScalarAsync<string>("SELECT string_agg(code, ',' ORDER BY code) FROM land_parcels WHERE steward_id = @b", ("b", EditableApi.ParcelSteward))).Split(',');
        Assert.Equal(mine, seen.GetProperty("listed").EnumerateArray().Select(c => c.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal($"planner:wang.fang@{EditableApi.ParcelSteward}", await api.Database.ScalarAsync<string>(
            "SELECT actor FROM feature_history WHERE code = @c ORDER BY id DESC LIMIT 1", ("c", code)));
        Assert.Equal(403, seen.GetProperty("tokens").GetInt32());
        Assert.Equal(0L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM accounts WHERE user_name = 'wang.fang'"));
    }

    [Fact]
    public async Task AProvidersTokenWithoutAKnownRole_GetsNoSession()
    {
        await using var provider = await TestIdentityProvider.StartAsync("li.lei", "visitor", null);

        var seen = await BrowseAsync(provider, "providerRefused");

        Assert.Equal("signin", seen.GetProperty("view").GetString());
        Assert.True(seen.GetProperty("failed").GetBoolean());
    }

    [Fact]
    public async Task WithAProvider_LocalPasswordSignInIsOff()
    {
        await using var provider = await TestIdentityProvider.StartAsync("zhao.min", "admin", null);
        await using var factory = new ApiFactory(api.Database.ConnectionString, [.. WorkspaceApi.Settings, .. provider.Settings]);
        using var client = factory.CreateClient();
        var token = await client.GetFromJsonAsync<JsonElement>("/workspace/antiforgery", Ct);
        client.DefaultRequestHeaders.Add("X-CSRF-Token", token.GetProperty("token").GetString());

        using var refused = await WorkspaceApi.PostSignInAsync(client, WorkspaceApi.AdminName, WorkspaceApi.AdminPassword);
        var problem = await WorkspaceApi.JsonAsync(refused, HttpStatusCode.Forbidden);
        Assert.Contains("Test IdP", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var config = await client.GetFromJsonAsync<JsonElement>("/workspace/config", Ct);
        Assert.Equal("Test IdP", config.GetProperty("identityProvider").GetString());
        Assert.False(config.GetProperty("localAccounts").GetBoolean());
    }
}
