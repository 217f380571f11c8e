using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using LandInventory.Auth;

namespace LandInventory.GisApi.Tests.Operations;

/// <summary>
/// The rate limit: a bucket per client address for anonymous requests — the connection's address, or the one a
/// trusted proxy forwarded, never one a client claims — and a larger one per token subject; 429 with Retry-After.
/// </summary>
public sealed class RateLimitTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private const string Key = "rate-limit-test-key-0123456789abcdef012345";

    private const string Url = "/ogc/collections/areas/items";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly (string, string)[] Tight =
        [("RateLimit:Enabled", "true"), ("RateLimit:PerSecond", "1"), ("RateLimit:Burst", "3"),
         ("RateLimit:AuthenticatedPerSecond", "1"), ("RateLimit:AuthenticatedBurst", "8"), ("Auth:SigningKey", Key), ("Warmup:Enabled", "false")];

    private static string Token(string name) =>
        DevelopmentTokens.Mint(new TokenOptions { SigningKey = Key }, name, Roles.Admin, null, TimeSpan.FromHours(1));

    private static async Task<List<HttpStatusCode>> SendAsync(HttpClient client, int count, Func<int, string?>? forwardedFor = null,
        string? token = null)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Url);
            if (forwardedFor?.Invoke(i) is { } address)
            {
                request.Headers.Add("X-Forwarded-For", address);
            }

            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await client.SendAsync(request, Ct);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    [Fact]
    public async Task AnonymousClients_BeyondTheirRate_Get429WithRetryAfter()
    {
        await using var limited = new ApiFactory(api.Database.ConnectionString, Tight);
        var anonymous = limited.CreateClient();
        var statuses = await SendAsync(anonymous, 6);
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);

        var refused = await anonymous.GetAsync(Url, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Equal(429, JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ATokensRequests_HaveTheirOwnLargerLimit_NotNone()
    {
        await using var limited = new ApiFactory(api.Database.ConnectionString, Tight);
        var client = limited.CreateClient();
        await SendAsync(client, 6); // the anonymous bucket of this address is spent: the token's is another
        var first = await SendAsync(client, 12, token: Token("gis-client"));
        Assert.All(first.Take(6), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Contains(HttpStatusCode.TooManyRequests, first);
        // Another token's subject has a bucket of its own.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, 1, token: Token("another-client")))[0]);
    }

    [Fact]
    public async Task ForwardedAddresses_CountOnlyFromATrustedProxy()
    {
        // Over a real socket (127.0.0.1): the peer is what a proxy in front would be.
        await using (var untrusted = KestrelServer.Start(api.Database.ConnectionString, out var baseUrl, Tight))
        {
            using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
            // Anyone can send X-Forwarded-For: a new address per request buys no new bucket.
            Assert.Contains(HttpStatusCode.TooManyRequests, await SendAsync(client, 8, i => $"203.0.113.{i + 1}"));
        }

        await using (var proxied = KestrelServer.Start(api.Database.ConnectionString, out var baseUrl, [.. Tight, ("Proxies:Trusted:0", "127.0.0.1")]))
        {
            using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
            // Behind the trusted proxy, each visitor it names has a bucket of their own …
            Assert.All(await SendAsync(client, 8, i => $"203.0.113.{i + 1}"), s => Assert.Equal(HttpStatusCode.OK, s));
            // … and one visitor still meets the limit, whatever they put before the proxy's own entry.
            Assert.Contains(HttpStatusCode.TooManyRequests, await SendAsync(client, 8, i => $"198.51.100.{i + 1}, 203.0.113.200"));
        }
    }
}
