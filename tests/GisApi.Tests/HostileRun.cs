using System.Net;

namespace LandInventory.GisApi.Tests;

/// <summary>
/// Sends generated requests to the real API over a real Kestrel socket (the in-memory test client refuses some of them
/// before the server sees them) and lists every answer that <c>isBad</c> judges wrong; then the service must still be
/// healthy.
/// </summary>
internal static class HostileRun
{
    public static async Task<List<string>> RunAsync(string connectionString, int seed, int count, Func<Random, string> url,
        Func<HttpStatusCode, string, bool> isBad)
    {
        await using var server = KestrelServer.Start(connectionString, out var baseUrl);
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var random = new Random(seed);
        var failures = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var next = url(random);
            using var response = await client.GetAsync(new Uri(next, UriKind.Relative), TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (isBad(response.StatusCode, body))
            {
                failures.Add($"{(int)response.StatusCode} {next} {body[..Math.Min(200, body.Length)]}");
            }
        }

        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        return failures;
    }
}
