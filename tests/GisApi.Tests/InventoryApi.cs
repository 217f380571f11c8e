using System.Net;
using System.Text.Json;
using LandInventory.PostGis.Testing;
using Xunit;

namespace LandInventory.GisApi.Tests;

/// <summary>A class fixture: the API over a database of its own holding data/geojson, imported by the real importer.</summary>
public sealed class InventoryApi(PostGisServer server) : IAsyncLifetime
{
    public InventoryTestDatabase Database { get; } = new(server);

    public ApiFactory Factory { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        await InventoryData.ImportAsync(Database.ConnectionString);

        Factory = new ApiFactory(Database.ConnectionString);
    }

    /// <summary>The ids of the features an items request answers (asserting it answered 200).</summary>
    public async Task<List<string>> ItemIdsAsync(string url)
    {
        using var response = await Factory.CreateClient().GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var page = JsonDocument.Parse(text);
        return [.. page.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!)];
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
