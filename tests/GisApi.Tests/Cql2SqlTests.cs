using LandInventory.GisApi.Tests.OData;
using Npgsql;

namespace LandInventory.GisApi.Tests;

/// <summary>CQL2 values reach PostgreSQL as parameters, as OData's do: never as SQL text.</summary>
public sealed class Cql2SqlTests(InventoryApi api) : IClassFixture<InventoryApi>, IAsyncDisposable
{
    // Without the response cache: each question must reach the database for its SQL to be read.
    private readonly ApiFactory _uncached = new(api.Database.ConnectionString, ("ResponseCache:Enabled", "false"));

    [Theory]
    [InlineData("netSiteAreaSqm > 2987.5 AND leaseTermYears <= 69", new object[] { 2987.5, 69 })]
    [InlineData("nameEn LIKE 'Zq%' OR status IN ('reserved','withdrawn')", new object[] { "Zq%" })]
    [InlineData("availableFrom BETWEEN DATE('2031-02-03') AND DATE('2032-04-05')", new object[] { "2031-02-03" })]
    [InlineData("S_DWITHIN(geometry, POINT(104.2718 30.5911), 2987, meters)", new object[] { 2987d })]
    public async Task FilterValues_ArePassedAsParameters(string filter, object[] values)
    {
        using var capture = new SqlCapture(new NpgsqlConnectionStringBuilder(api.Database.ConnectionString).Database!);

        var response = await _uncached.CreateClient().GetAsync(
            $"/ogc/collections/parcels/items?filter={Uri.EscapeDataString(filter)}", TestContext.Current.CancellationToken);

        response.EnsureSuccessStatusCode();
        var sent = string.Join('\n', capture.Commands.Select(c => c.Text));
        var parameters = capture.Commands.SelectMany(c => c.Parameters).Select(p => p.Value).ToList();
        foreach (var value in values)
        {
            var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;
            Assert.DoesNotContain(text, sent, StringComparison.Ordinal);
            Assert.Contains(parameters, p => Convert.ToString(p is DateOnly d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : p,
                System.Globalization.CultureInfo.InvariantCulture) == text);
        }

        Assert.DoesNotContain("104.2718", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("'reserved'", sent, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync() => _uncached.DisposeAsync();
}
