using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using LandInventory.Auth;
using LandInventory.PostGis.Testing;
using Xunit;

namespace LandInventory.GisApi.Tests.Editing;

/// <summary>
/// A class fixture for write tests: the API over a database of its own holding data/geojson, with a signing key, and
/// clients that carry tokens minted as the development command mints them.
/// </summary>
public sealed class EditableApi(PostGisServer server) : IAsyncLifetime
{
    public const string SigningKey = "test-signing-key-0123456789abcdef0123456789";

    /// <summary>The bureau that stewards the land parcels and the carriers' bureau, as data/geojson has them.</summary>
    public const string ParcelSteward = "lqy-planning-resources";

    public InventoryTestDatabase Database { get; } = new(server);

    public ApiFactory Factory { get; private set; } = null!;

    public TokenOptions Settings { get; } = new() { SigningKey = SigningKey };

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        await InventoryData.ImportAsync(Database.ConnectionString);
        Factory = new ApiFactory(Database.ConnectionString, ("Auth:SigningKey", SigningKey), ("Warmup:Enabled", "false"));
    }

    /// <summary>A client whose requests carry a token with that role (and bureau), or none.</summary>
    public HttpClient Client(string? role = null, string? steward = null, string name = "tester", TimeSpan? lifetime = null)
    {
        var client = Factory.CreateClient();
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                DevelopmentTokens.Mint(Settings, name, role, steward, lifetime ?? TimeSpan.FromHours(1)));
        }

        return client;
    }

    public HttpClient Planner(string steward = ParcelSteward, string name = "planner-a") => Client(Roles.Planner, steward, name);

    public HttpClient Admin(string name = "admin-a") => Client(Roles.Admin, name: name);

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
