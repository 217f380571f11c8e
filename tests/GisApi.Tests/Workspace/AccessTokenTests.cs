using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LandInventory.GisApi.Tests.Editing;

namespace LandInventory.GisApi.Tests.Workspace;

/// <summary>Personal access tokens: issued in a session, kept as a hash, acting as their account, refused once revoked.</summary>
public sealed class AccessTokenTests(WorkspaceApi api) : IClassFixture<WorkspaceApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected) => WorkspaceApi.JsonAsync(response, expected);

    private HttpClient Bearer(string token)
    {
        var client = api.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task AnIssuedToken_WritesAsItsAccount_IsKeptAsAHash_AndARevokedOneGets401()
    {
        var (planner, _) = await api.AccountAsync("planner-script", "planner", EditableApi.ParcelSteward);
        using var _1 = planner;
        var issued = await JsonAsync(await planner.PostAsJsonAsync("/workspace/tokens", new { name = "nightly sync", expiresInDays = 7 }, Ct),
            HttpStatusCode.Created);
        var token = issued.GetProperty("token").GetString()!;
        var id = issued.GetProperty("description").GetProperty("id").GetString()!;
        Assert.StartsWith("lip_", token, StringComparison.Ordinal);

        // Only the SHA-256 of the token is stored; the list shows its prefix, never the token.
        Assert.True(await api.Database.ScalarAsync<bool>("SELECT hash = sha256(convert_to(@t, 'UTF8')) FROM access_tokens WHERE id = @id::uuid",
            ("t", token), ("id", id)));
        Assert.Equal(0L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM access_tokens WHERE position(@t in name || prefix) > 0", ("t", token)));
        var listed = await planner.GetStringAsync("/workspace/tokens", Ct);
        Assert.DoesNotContain(token, listed, StringComparison.Ordinal);
        Assert.Contains(token[..10], listed, StringComparison.Ordinal);
        var expires = DateTimeOffset.Parse(issued.GetProperty("description").GetProperty("expiresAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromDays(6.99), TimeSpan.FromDays(7));

        using var script = Bearer(token);
        var url = Requests.Item("parcels", Requests.Parcel);
        await JsonAsync(await Requests.PatchAsync(script, url, new { contactName = "Tester 2222" }, await Requests.ETagAsync(script, url)), HttpStatusCode.NoContent);
        Assert.Equal($"planner:planner-script@{EditableApi.ParcelSteward}", await api.Database.ScalarAsync<string>(
            "SELECT actor FROM feature_history WHERE code = @c ORDER BY id DESC LIMIT 1", ("c", Requests.Parcel)));
        Assert.True(await api.Database.ScalarAsync<bool>("SELECT last_used_at IS NOT NULL FROM access_tokens WHERE id = @id::uuid", ("id", id)));

        await JsonAsync(await planner.DeleteAsync($"/workspace/tokens/{id}", Ct), HttpStatusCode.NoContent);
        using var revoked = await Requests.PatchAsync(script, url, new { contactName = "Tester 3333" }, await Requests.ETagAsync(script, url));
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Contains("invalid_token", revoked.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        await JsonAsync(await script.GetAsync("/workspace/session", Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ATokenOfADisabledAccount_IsRefused_AndATokenCannotIssueTokens()
    {
        var (planner, _) = await api.AccountAsync("planner-pat-off", "planner", EditableApi.ParcelSteward);
        using var _1 = planner;
        var token = await WorkspaceApi.TokenAsync(planner, "gis desk");
        using var script = Bearer(token);
        var session = await JsonAsync(await script.GetAsync("/workspace/session", Ct), HttpStatusCode.OK);
        Assert.Equal("planner-pat-off", session.GetProperty("userName").GetString());
        Assert.Equal(JsonValueKind.Null, session.GetProperty("antiforgeryToken").ValueKind);
        await JsonAsync(await script.PostAsJsonAsync("/workspace/tokens", new { name = "another" }, Ct), HttpStatusCode.Forbidden);

        using var admin = await api.AdminAsync();
        await JsonAsync(await admin.PatchAsJsonAsync("/workspace/accounts/planner-pat-off", new { disabled = true }, Ct), HttpStatusCode.OK);
        await JsonAsync(await script.GetAsync("/workspace/session", Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ATokensLifetime_IsBounded_AndItsNameRequired()
    {
        var (planner, _) = await api.AccountAsync("planner-pat-rules", "planner", EditableApi.ParcelSteward);
        using var _1 = planner;
        var tooLong = await JsonAsync(await planner.PostAsJsonAsync("/workspace/tokens", new { name = "forever", expiresInDays = 91 }, Ct),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal("expiresInDays", tooLong.GetProperty("errors")[0].GetProperty("field").GetString());
        var nameless = await JsonAsync(await planner.PostAsJsonAsync("/workspace/tokens", new { name = " " }, Ct), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("name", nameless.GetProperty("errors")[0].GetProperty("field").GetString());
        await JsonAsync(await planner.DeleteAsync($"/workspace/tokens/{Guid.NewGuid()}", Ct), HttpStatusCode.NotFound);
    }
}
