using System.Text.Json;

namespace LandInventory.GisApi.Tests.Matching;

/// <summary>
/// Each criterion, alone and hard, keeps exactly the sites PostGIS finds by the criterion's own definition written out
/// by hand here (not the API's SQL): figures converted from the unit given, distances on the spheroid, areas by shape
/// for floor space and by id for land.
/// </summary>
public sealed class MatchCriteriaTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    public static TheoryData<string, string, string> Hard => new()
    {
        { "floor", """{"criterion":"floorLoad","min":30}""", "floor_load_kn_per_sqm >= 30" },
        { "floor", """{"criterion":"size","min":1.5,"max":30,"unit":"mu"}""", "size BETWEEN 1000 AND 20000" },
        { "floor", """{"criterion":"power","min":2,"unit":"MVA"}""", "power_capacity_kva >= 2000" },
        { "floor", """{"criterion":"rent","max":1,"unit":"CNY/m2/day"}""", "rent <= 365.0 / 12" },
        { "floor", """{"criterion":"floors","max":5.5}""", "floors <= 5" },
        { "floor", """{"criterion":"floorHeight","min":6,"max":10}""", "floor_height_m BETWEEN 6 AND 10" },
        { "floor", """{"criterion":"industry","values":["newEnergyVehicles","modernLogistics"]}""",
            "industries && ARRAY['new_energy_vehicles', 'modern_logistics']" },
        { "floor", """{"criterion":"kind","values":["standardFactory","warehouse"]}""", "kind IN ('standard_factory', 'warehouse')" },
        { "floor", """{"criterion":"availableBy","date":"2025-12-31"}""", "available_from <= DATE '2025-12-31'" },
        { "floor", """{"criterion":"area","values":["shiling","dongan-lake"]}""",
            "EXISTS (SELECT 1 FROM areas a WHERE a.id IN ('shiling', 'dongan-lake') AND ST_Intersects(a.boundary, s.geom))" },
        { "floor", """{"criterion":"near","kind":"metroStation","max":1.5,"unit":"km"}""",
            "EXISTS (SELECT 1 FROM places p WHERE p.kind = 'metro_station' AND ST_DWithin(p.location::geography, s.geom::geography, 1500))" },
        { "floor", """{"criterion":"nearPoint","point":[104.27,30.58],"max":4000}""",
            "ST_DWithin(s.geom::geography, ST_SetSRID(ST_MakePoint(104.27, 30.58), 4326)::geography, 4000)" },
        { "land", """{"criterion":"use","values":["residential"]}""", "land_use = 'residential'" },
        { "land", """{"criterion":"size","min":30,"max":60,"unit":"mu"}""", "size BETWEEN 20000 AND 40000" },
        { "land", """{"criterion":"price","max":500,"unit":"wanYuanPerMu"}""", $"{PerMu} <= 500" },
        { "land", """{"criterion":"price","max":2000,"unit":"yuanPerSqmFloorArea"}""", $"{PerMu} * 15 / plot_ratio_max <= 2000" },
        { "land", """{"criterion":"price","max":15000,"unit":"wanYuanTotal"}""", $"{PerMu} * size * 15 / 10000 <= 15000" },
        { "land", """{"criterion":"leaseTerm","min":50}""", "lease_term_years >= 50" },
        { "land", """{"criterion":"area","values":["damian-donghong"]}""", "area_id = 'damian-donghong'" },
        { "land", """{"criterion":"availableBy","date":"2025-06-15"}""", "available_from <= DATE '2025-06-15'" },
        { "land", """{"criterion":"near","kind":"school","max":2500}""",
            "EXISTS (SELECT 1 FROM places p WHERE p.kind = 'school' AND ST_DWithin(p.location::geography, s.geom::geography, 2500))" },
    };

    /// <summary>A parcel's price per mu from its own basis (万元/亩; 1 亩 = 10000/15 m²; floor area = site × plot ratio).</summary>
    private const string PerMu = """
        (CASE price_basis WHEN 'wan_yuan_per_mu' THEN starting_price WHEN 'wan_yuan_total' THEN starting_price / (size * 15 / 10000)
         WHEN 'yuan_per_sqm_floor_area' THEN starting_price * plot_ratio_max / 15 END)
        """;

    [Theory]
    [MemberData(nameof(Hard))]
    public async Task AHardCriterion_KeepsExactlyTheSitesPostGisFinds(string space, string criterion, string oracle)
    {
        var wanted = await MatchApi.ColumnAsync(api.Database, $"""
            SELECT s.layer || '/' || s.code FROM ({(space == "floor" ? MatchApi.FloorSites : MatchApi.LandSites)}) s
            WHERE {oracle} ORDER BY 1
            """);
        var all = await MatchApi.ColumnAsync(api.Database, $"SELECT count(*) FROM ({(space == "floor" ? MatchApi.FloorSites : MatchApi.LandSites)}) s");
        // Neither nothing nor everything: the criterion must have told sites apart for the comparison to mean anything.
        Assert.InRange(wanted.Count, 1, int.Parse(all[0], System.Globalization.CultureInfo.InvariantCulture) - 1);

        var answer = await MatchApi.PostAsync(api.Factory.CreateClient(), new
        {
            space, criteria = new[] { JsonDocument.Parse(criterion).RootElement }, limit = 200,
        });

        Assert.Equal(wanted, MatchApi.Sites(answer).Order(StringComparer.Ordinal));
        Assert.Equal(wanted.Count, answer.GetProperty("numberMatched").GetInt32());
        Assert.All(answer.GetProperty("matches").EnumerateArray(), m =>
        {
            Assert.Equal(100, m.GetProperty("score").GetDouble()); // no soft criteria: every candidate fits fully
            Assert.Equal("met", Assert.Single(m.GetProperty("criteria").EnumerateArray()).GetProperty("status").GetString());
        });
    }
}
