using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LandInventory.PostGis.Testing;
using Xunit;

namespace LandInventory.GisApi.Tests.Workspace;

/// <summary>
/// A class fixture for the workspace: the API over a database of its own holding data/geojson, whose first admin is made
/// at start with a configured password, and clients signed in as a browser is (a session cookie, the antiforgery header).
/// </summary>
public sealed class WorkspaceApi(PostGisServer server) : IAsyncLifetime
{
    public const string AdminName = "admin";
    public const string AdminPassword = "the-first-keeper-password-of-tests";

    public InventoryTestDatabase Database { get; } = new(server);

    public ApiFactory Factory { get; private set; } = null!;

    /// <summary>The settings of every host over this database, in memory or on a socket (the page tests).</summary>
    public static readonly (string Key, string Value)[] Settings =
        [("Accounts:InitialAdminPassword", AdminPassword), ("Warmup:Enabled", "false"), ("Accounts:MaxFailedSignIns", "3")];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        await InventoryData.ImportAsync(Database.ConnectionString);
        Factory = new ApiFactory(Database.ConnectionString, Settings);
        Factory.CreateClient().Dispose(); // starts the host, which makes the first admin
    }

    /// <summary>A browser-like client with the antiforgery token of an anonymous visitor.</summary>
    public Task<HttpClient> VisitorAsync() => VisitorAsync(Factory);

    private static async Task<HttpClient> VisitorAsync(ApiFactory factory)
    {
        var client = factory.CreateClient();
        var token = await client.GetFromJsonAsync<JsonElement>("/workspace/antiforgery", Ct);
        client.DefaultRequestHeaders.Add("X-CSRF-Token", token.GetProperty("token").GetString());
        return client;
    }

    public static Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/workspace/session", new { userName, password }, Ct);

    /// <summary>Signed in, carrying the session's own antiforgery token, as the page does.</summary>
    public Task<HttpClient> SignInAsync(string userName, string password) => SignInAsync(Factory, userName, password);

    /// <summary>Signed in to another host over the same database.</summary>
    public static async Task<HttpClient> SignInAsync(ApiFactory factory, string userName, string password)
    {
        var client = await VisitorAsync(factory);
        using var response = await PostSignInAsync(client, userName, password);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        UseAntiforgery(client, JsonDocument.Parse(text).RootElement);
        return client;
    }

    public static void UseAntiforgery(HttpClient client, JsonElement session)
    {
        client.DefaultRequestHeaders.Remove("X-CSRF-Token");
        client.DefaultRequestHeaders.Add("X-CSRF-Token", session.GetProperty("antiforgeryToken").GetString());
    }

    public Task<HttpClient> AdminAsync() => SignInAsync(AdminName, AdminPassword);

    /// <summary>A new account made by the admin, its own password chosen: signed in and ready to write.</summary>
    public async Task<(HttpClient Client, string Password)> AccountAsync(string userName, string role, string? bureau)
    {
        using var admin = await AdminAsync();
        using var created = await admin.PostAsJsonAsync("/workspace/accounts", new { userName, role, bureau }, Ct);
        var text = await created.Content.ReadAsStringAsync(Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, text);
        var oneTime = JsonDocument.Parse(text).RootElement.GetProperty("oneTimePassword").GetString()!;
        var client = await SignInAsync(userName, oneTime);
        var password = $"{oneTime}-mine";
        using var changed = await client.PostAsJsonAsync("/workspace/session/password", new { currentPassword = oneTime, newPassword = password }, Ct);
        var changedText = await changed.Content.ReadAsStringAsync(Ct);
        Assert.True(changed.StatusCode == HttpStatusCode.OK, changedText);
        UseAntiforgery(client, JsonDocument.Parse(changedText).RootElement);
        return (client, password);
    }

    /// <summary>One scenario of Browser/workspace.e2e.mjs against this database, served on a socket with the same settings.</summary>
    public Task<JsonElement> BrowseAsync(string scenario, params string[] arguments) => BrowseAsync([], scenario, arguments);

    /// <summary>The same, the host given more settings (an identity provider's).</summary>
    public Task<JsonElement> BrowseAsync((string Key, string Value)[] more, string scenario, params string[] arguments) =>
        ScriptAsync("workspace.e2e.mjs", more, scenario, arguments);

    /// <summary>One scenario of another of the workspace's page scripts (inbox.e2e.mjs).</summary>
    public async Task<JsonElement> ScriptAsync(string script, (string Key, string Value)[] more, string scenario, params string[] arguments)
    {
        await using var kestrel = KestrelServer.Start(Database.ConnectionString, out var baseUrl, [.. Settings, .. more]);
        using var seen = await BrowserScenario.RunAsync(script, scenario, baseUrl, arguments);
        return seen.RootElement.Clone();
    }

    /// <summary>A personal access token issued in <paramref name="session"/>.</summary>
    public static async Task<string> TokenAsync(HttpClient session, string name)
    {
        using var issued = await session.PostAsJsonAsync("/workspace/tokens", new { name }, Ct);
        return (await JsonAsync(issued, HttpStatusCode.Created)).GetProperty("token").GetString()!;
    }

    /// <summary>The answer's JSON, asserting its status (the body in the message when it is another).</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
