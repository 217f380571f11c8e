using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace LandInventory.GisApi.Tests.Operations;

/// <summary>Liveness and readiness, metrics, request ids, security headers and the anonymous rate limit.</summary>
public sealed class OperationsTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Readiness_FollowsTheDatabase_LivenessDoesNot()
    {
        var client = api.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", Ct)).StatusCode);

        // A database nobody listens on: not ready, yet alive.
        await using var unreachable = new ApiFactory("Host=127.0.0.1;Port=9;Database=none;Username=none;Password=none;Timeout=2");
        var down = unreachable.CreateClient();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await down.GetAsync("/health/ready", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await down.GetAsync("/health/live", Ct)).StatusCode);
        var failed = await down.GetAsync("/ogc/collections/parcels/items", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        var body = await failed.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("Npgsql", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Metrics_ArePrometheusText_CountingRequests_ForAdminsOnly_WithoutConnectionDetails()
    {
        const string key = "metrics-test-signing-key-0123456789abcdef";
        await using var secured = new ApiFactory(api.Database.ConnectionString, ("Auth:SigningKey", key), ("Warmup:Enabled", "false"));
        var client = secured.CreateClient();
        (await client.GetAsync("/ogc/collections", Ct)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/metrics", Ct)).StatusCode);
        var settings = new LandInventory.Auth.TokenOptions { SigningKey = key };
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(client, "/metrics",
            LandInventory.Auth.DevelopmentTokens.Mint(settings, "p", LandInventory.Auth.Roles.Planner, "lqy-planning-resources", TimeSpan.FromMinutes(5)))).StatusCode);

        var metrics = await GetAsync(client, "/metrics",
            LandInventory.Auth.DevelopmentTokens.Mint(settings, "ops", LandInventory.Auth.Roles.Admin, null, TimeSpan.FromMinutes(5)));
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.StartsWith("text/plain", metrics.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        var text = await metrics.Content.ReadAsStringAsync(Ct);
        Assert.Contains("http_server_request_duration_seconds_count{", text, StringComparison.Ordinal);
        Assert.Contains("http_route=\"/ogc/collections\"", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total", text, StringComparison.Ordinal);
        Assert.Contains("db_client_operation_duration_seconds_count", text, StringComparison.Ordinal); // Npgsql's
        // The service's pool reports under its name, not under its connection string. (The
        // meter is the process's: the test harness's own pools, named by their connection strings, are in it too.)
        Assert.Contains("db_client_connection_pool_name=\"inventory\"", text, StringComparison.Ordinal);
        // No password, as a connection string's key or as its value. (The word alone may stand in a meter's description:
        // ASP.NET Core Identity's sign-in counter, once something in the process signed in, describes "PasswordSignInAsync".)
        Assert.DoesNotContain("Password=", text, StringComparison.OrdinalIgnoreCase);
        if (new Npgsql.NpgsqlConnectionStringBuilder(api.Database.ConnectionString).Password is { Length: > 0 } password)
        {
            Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Metrics_OnAManagementPort_AreServedThereAlone_WithoutAToken()
    {
        // Over real sockets: the port is the one the request came in on, whatever its Host header says.
        await using (var managed = KestrelServer.Start(api.Database.ConnectionString, out var baseUrl,
                         port => [("Metrics:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Warmup:Enabled", "false")]))
        {
            using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics", Ct)).StatusCode);
        }

        await using (var elsewhere = KestrelServer.Start(api.Database.ConnectionString, out var baseUrl,
                         ("Metrics:Port", "9464"), ("Warmup:Enabled", "false")))
        {
            using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
            using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            spoofed.Headers.Host = "127.0.0.1:9464";
            Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(spoofed, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics", Ct)).StatusCode);
        }
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task EveryAnswer_HasARequestId_AndSecurityHeaders_TheMapItsPolicy()
    {
        var client = api.Factory.CreateClient();
        var first = await client.GetAsync("/ogc/collections/parcels/items?limit=1", Ct);
        var second = await client.GetAsync("/ogc/nonsense", Ct);
        // An answer the error handler writes, which clears the headers set before it.
        var refused = await client.GetAsync("/ogc/collections/parcels/items?filter=" + Uri.EscapeDataString("nameEn < 'b'"), Ct);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        var ids = new[] { first, second, refused }.Select(r => r.Headers.GetValues("X-Request-Id").Single()).ToList();
        Assert.Equal(3, ids.Distinct().Count());
        foreach (var response in new[] { first, second, refused })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }

        var map = await client.GetAsync("/", Ct);
        var policy = map.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }
}
