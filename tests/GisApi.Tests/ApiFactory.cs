using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LandInventory.GisApi.Tests;

/// <summary>The real API, in memory, on the database named by <paramref name="connectionString"/>.</summary>
public sealed class ApiFactory(string connectionString, params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
{
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
