using System.Net;
using System.Text.Json;

namespace LandInventory.GisApi.Tests;

/// <summary>
/// <c>datetime</c> as OGC API – Features Part 1 defines it — an instant or an interval, bounded or half-bounded — on the
/// day a site is available from, checked against the same selection in PostGIS; QGIS 3.22's forms included.
/// </summary>
public sealed class OgcDatetimeTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> Selections() => new()
    {
        { "parcels", "2025-06-01/..", "available_from >= DATE '2025-06-01'" },
        { "parcels", "2025-06-01/", "available_from >= DATE '2025-06-01'" },
        // What QGIS 3.22 sends for "availableFrom" >= '2025-06-01' and for "availableFrom" <= '2025-06-20'.
        { "parcels", "2025-06-01/9999-12-31T00:00:00Z", "available_from >= DATE '2025-06-01'" },
        { "parcels", "0000-01-01T00:00:00Z/2025-06-20", "available_from <= DATE '2025-06-20'" },
        { "parcels", "../2025-06-20T23:59:59+08:00", "available_from <= DATE '2025-06-20'" },
        { "parcels", "2025-06-01/2025-07-15", "available_from BETWEEN DATE '2025-06-01' AND DATE '2025-07-15'" },
        { "parcels", "2025-06-20", "available_from = DATE '2025-06-20'" },
        { "parcels", "2025-06-20T10:00:00Z", "available_from = DATE '2025-06-20'" },
        { "carriers", "2026-01-01/..", "available_from >= DATE '2026-01-01'" },
        { "buildings", "../2025-04-30", "available_from <= DATE '2025-04-30'" },
        // Areas have no date: every area matches.
        { "areas", "2025-06-01/..", "true" },
    };

    [Theory]
    [MemberData(nameof(Selections))]
    public async Task Datetime_SelectsWhatPostGisSelects(string collection, string datetime, string where)
    {
        var table = collection switch { "parcels" => "land_parcels", "carriers" => "industrial_carriers", _ => collection };
        var key = collection == "areas" ? "id" : "code";
        var expected = await api.Database.ScalarAsync<string>(
            $"SELECT coalesce(string_agg({key}, ',' ORDER BY {key} COLLATE \"C\"), '') FROM {table} WHERE {where}");

        var ids = await api.ItemIdsAsync($"/ogc/collections/{collection}/items?limit=1000&datetime={Uri.EscapeDataString(datetime)}");

        Assert.Equal(expected, string.Join(",", ids.Order(StringComparer.Ordinal)));
        if (collection != "areas")
        {
            Assert.NotEqual(await api.Database.ScalarAsync<long>($"SELECT count(*) FROM {table}"), ids.Count); // it did select
        }
    }

    [Theory]
    [InlineData("2025-13-01")]
    [InlineData("../..")]
    [InlineData("2025-06-01/2025-07-01/2025-08-01")]
    [InlineData("2025-07-01/2025-06-01")]
    [InlineData("2025-06-01T10:00:00")]
    [InlineData("yesterday")]
    [InlineData("../0000-01-01")]
    public async Task Datetime_ThatIsNoInstantOrInterval_Is400_SayingWhy(string datetime)
    {
        using var response = await api.Factory.CreateClient().GetAsync(
            $"/ogc/collections/parcels/items?datetime={Uri.EscapeDataString(datetime)}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("datetime", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collections_DeclareTheirTemporalExtent_AndTheDateItIsOf()
    {
        using var body = JsonDocument.Parse(await api.Factory.CreateClient().GetStringAsync("/ogc/collections/parcels", Ct));
        var temporal = body.RootElement.GetProperty("extent").GetProperty("temporal");
        Assert.Equal("availableFrom", temporal.GetProperty("property").GetString());
        var interval = temporal.GetProperty("interval")[0];
        Assert.Equal(await api.Database.ScalarAsync<string>(
                "SELECT to_char(min(available_from), 'YYYY-MM-DD') || 'T00:00:00Z|' || to_char(max(available_from), 'YYYY-MM-DD') || 'T00:00:00Z' FROM land_parcels"),
            $"{interval[0].GetString()}|{interval[1].GetString()}");
        using var areas = JsonDocument.Parse(await api.Factory.CreateClient().GetStringAsync("/ogc/collections/areas", Ct));
        Assert.False(areas.RootElement.GetProperty("extent").TryGetProperty("temporal", out _));
    }
}
