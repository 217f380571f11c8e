using System.Net;
using System.Text.Json;
using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests;

public sealed class HealthTests(InventoryApi api, PostGisServer server) : IClassFixture<InventoryApi>
{
    private static readonly string[] Layers = ["areas", "parcels", "carriers", "buildings"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetHealth_WithTheInventory_Returns200_WithTheDatabasesCounts()
    {
        using var response = await api.Factory.CreateClient().GetAsync(new Uri("/health", UriKind.Relative), Ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("up", body.RootElement.GetProperty("database").GetProperty("status").GetString());
        Assert.StartsWith("POSTGIS=\"3.", body.RootElement.GetProperty("database").GetProperty("postGis").GetString(),
            StringComparison.Ordinal);
        var counts = body.RootElement.GetProperty("counts");
        var expected = await api.Database.ScalarAsync<string>(
            "SELECT concat_ws(',', (SELECT count(*) FROM areas), (SELECT count(*) FROM land_parcels), "
            + "(SELECT count(*) FROM industrial_carriers), (SELECT count(*) FROM buildings))");
        Assert.Equal(expected, string.Join(',', Layers.Select(layer => counts.GetProperty(layer).GetInt32())));
        Assert.Equal("3,21,20,14", expected);
    }

    [Fact]
    public async Task GetHealth_DatabaseUnreachable_Returns503_WithoutTheConnectionString()
    {
        const string unreachable = "Host=127.0.0.1;Port=1;Database=inventory;Username=someone;Password=s3cret-value;Timeout=2";
        await using var factory = new ApiFactory(unreachable);

        using var response = await factory.CreateClient().GetAsync(new Uri("/health", UriKind.Relative), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        using var body = JsonDocument.Parse(text);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unhealthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("down", body.RootElement.GetProperty("database").GetProperty("status").GetString());
        Assert.DoesNotContain("s3cret-value", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHealth_SchemaNotMigrated_Returns503_ListingThePendingMigrations()
    {
        await using var empty = await EmptyDatabase.CreateAsync(server);
        await using var factory = new ApiFactory(empty.ConnectionString);

        using var response = await factory.CreateClient().GetAsync(new Uri("/health", UriKind.Relative), Ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var database = body.RootElement.GetProperty("database");
        Assert.Equal("schema-outdated", database.GetProperty("status").GetString());
        Assert.Contains(database.GetProperty("pendingMigrations").EnumerateArray(),
            m => m.GetString()!.EndsWith("_InitialSchema", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownRoute_Returns404_AsProblemDetails()
    {
        using var response = await api.Factory.CreateClient().GetAsync(new Uri("/no-such-route", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheHealthEndpoint()
    {
        using var response = await api.Factory.CreateClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = body.RootElement.GetProperty("paths").GetProperty("/health").GetProperty("get");
        Assert.Equal("GetHealth", health.GetProperty("operationId").GetString());
        Assert.True(health.GetProperty("responses").TryGetProperty("503", out _), "the 503 answer is documented");
    }
}
