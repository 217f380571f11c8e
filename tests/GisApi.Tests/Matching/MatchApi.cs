using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LandInventory.PostGis.Testing;
using Npgsql;

namespace LandInventory.GisApi.Tests.Matching;

/// <summary>Asking <c>/match</c>, and asking PostGIS the same by hand (the oracle) — sites as <c>layer/code</c>.</summary>
internal static class MatchApi
{
    /// <summary>The floor space on offer, as each floor layer defines it (docs/site-selection.md), for oracle SQL.</summary>
    public const string FloorSites = """
        SELECT 'carriers' AS layer, code, location AS geom, vacant_floor_area_sqm AS size, floor_height_m, floor_load_kn_per_sqm,
               power_capacity_kva, NULL::int AS floors, rent_cny_per_sqm_month AS rent, available_from, kind::text AS kind, industries::text[] AS industries
        FROM industrial_carriers WHERE status IN ('available', 'under_construction') AND vacant_floor_area_sqm > 0
        UNION ALL
        SELECT 'buildings', code, footprint, vacant_floor_area_sqm, floor_height_m, floor_load_kn_per_sqm,
               NULL, floors, rent_cny_per_sqm_month, available_from, NULL, NULL
        FROM buildings WHERE vacant_floor_area_sqm > 0
        """;

    public const string LandSites = """
        SELECT 'parcels' AS layer, code, boundary AS geom, net_site_area_sqm AS size, land_use::text AS land_use, area_id,
               lease_term_years, available_from, starting_price, price_basis::text AS price_basis, plot_ratio_max
        FROM land_parcels WHERE status = 'available'
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<JsonElement> PostAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/match", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/match?{query}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static List<string> Sites(JsonElement answer) =>
        [.. answer.GetProperty("matches").EnumerateArray().Select(m => $"{m.GetProperty("layer").GetString()}/{m.GetProperty("code").GetString()}")];

    /// <summary>The oracle's answer: the first column of every row, in its order.</summary>
    public static async Task<List<string>> ColumnAsync(InventoryTestDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(reader.GetValue(0).ToString()!);
        }

        return rows;
    }
}
