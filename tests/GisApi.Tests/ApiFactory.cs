using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace LandInventory.GisApi.Tests;

/// <summary>The real API, in memory, on the database named by <paramref name="connectionString"/>.</summary>
public sealed class ApiFactory(string connectionString, params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
{
    /// <summary>
    /// One host built at a time: the factory finds Program's host by listening to a process-wide diagnostic event, so
    /// two factories building at once (test classes run in parallel, several on Kestrel) can take each other's host —
    /// seen as "IServerAddressesFeature.Addresses cannot be modified after the server has started".
    /// </summary>
    private static readonly Lock Building = new();

    protected override IHost CreateHost(IHostBuilder builder)
    {
        lock (Building)
        {
            return base.CreateHost(builder);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Inventory", connectionString);
        // Every test client is one address sending thousands of requests; RateLimitTests turns the limit on.
        builder.UseSetting("RateLimit:Enabled", "false");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
