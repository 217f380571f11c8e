using System.Text.Json;
using LandInventory.GisApi.Errors;
using LandInventory.GisApi.Matching;
using Npgsql;

namespace LandInventory.GisApi.Tests.Matching;

/// <summary>
/// A hard criterion is a predicate the column's index answers, not a loop in C#: the match's own SQL, explained by
/// PostgreSQL with sequential scans priced out (the zone's few rows would otherwise be read whole, which proves nothing),
/// finds each criterion's index in an index condition.
/// </summary>
public sealed class MatchSqlTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private static readonly (string Space, string Criterion, string[] Indexes)[] Indexed =
    [
        ("floor", """{"criterion":"floorLoad","min":45}""", ["ix_industrial_carriers_floor_load_kn_per_sqm", "ix_buildings_floor_load_kn_per_sqm"]),
        ("floor", """{"criterion":"size","min":8000,"max":12000}""", ["ix_industrial_carriers_vacant_floor_area_sqm", "ix_buildings_vacant_floor_area_sqm"]),
        ("floor", """{"criterion":"power","min":18000}""", ["ix_industrial_carriers_power_capacity_kva"]),
        ("floor", """{"criterion":"rent","max":12}""", ["ix_industrial_carriers_rent_cny_per_sqm_month", "ix_buildings_rent_cny_per_sqm_month"]),
        ("floor", """{"criterion":"floorHeight","min":11}""", ["ix_industrial_carriers_floor_height_m", "ix_buildings_floor_height_m"]),
        ("floor", """{"criterion":"floors","max":3}""", ["ix_buildings_floors"]),
        ("floor", """{"criterion":"industry","values":["newEnergyVehicles"]}""", ["ix_industrial_carriers_industries"]),
        ("floor", """{"criterion":"kind","values":["standardFactory"]}""", ["ix_industrial_carriers_kind"]),
        ("floor", """{"criterion":"availableBy","date":"2025-02-15"}""", ["ix_industrial_carriers_available_from", "ix_buildings_available_from"]),
        ("floor", """{"criterion":"nearPoint","point":[104.27,30.58],"max":3000}""",
            ["ix_industrial_carriers_location_geography", "ix_buildings_footprint_geography"]),
        ("floor", """{"criterion":"near","kind":"expresswayEntrance","max":5000}""",
            ["ix_industrial_carriers_location_geography|ix_places_location_geography|ix_places_kind",
             "ix_buildings_footprint_geography|ix_places_location_geography|ix_places_kind"]),
        ("land", """{"criterion":"use","values":["residential"]}""", ["ix_land_parcels_status_land_use"]),
        ("land", """{"criterion":"size","min":60000}""", ["ix_land_parcels_net_site_area_sqm"]),
        ("land", """{"criterion":"price","max":300,"unit":"wanYuanPerMu"}""", ["ix_land_parcels_price_wan_yuan_per_mu"]),
        ("land", """{"criterion":"price","max":3000,"unit":"yuanPerSqmFloorArea"}""", ["ix_land_parcels_price_yuan_per_sqm_floor_area"]),
        ("land", """{"criterion":"price","max":20000,"unit":"wanYuanTotal"}""", ["ix_land_parcels_price_wan_yuan_total"]),
        ("land", """{"criterion":"leaseTerm","min":65}""", ["ix_land_parcels_lease_term_years"]),
        ("land", """{"criterion":"area","values":["shiling"]}""", ["ix_land_parcels_area_id"]),
        ("land", """{"criterion":"availableBy","date":"2025-02-15"}""", ["ix_land_parcels_available_from"]),
    ];

    /// <summary>
    /// A thousand varied copies of each record, so that the planner prices the criteria as it would at scale (the zone's
    /// sixty rows read whole cost less than any index); run inside the test's transaction and rolled back with it.
    /// </summary>
    private const string AtScale = """
        INSERT INTO land_parcels (area_id, land_use, land_use_code, land_use_scheme, net_site_area_sqm, plot_ratio_max,
            plot_ratio_min, lease_term_years, starting_price, price_basis, supply_method, status, available_from, boundary,
            code, name_zh, name_en, steward_id)
        SELECT area_id, land_use, land_use_code, land_use_scheme, round((5000 + random() * 60000)::numeric, 2), plot_ratio_max,
            plot_ratio_min, CASE land_use WHEN 'residential' THEN 30 + floor(random() * 40)::int ELSE 20 + floor(random() * 20)::int END,
            CASE WHEN starting_price IS NOT NULL THEN round((100 + random() * 5000)::numeric, 2) END, price_basis, supply_method,
            status, DATE '2025-01-01' + floor(random() * 700)::int, boundary, code || '-x' || g, name_zh, name_en, steward_id
        FROM land_parcels, generate_series(1, 1000) g;
        INSERT INTO industrial_carriers (kind, industries, total_floor_area_sqm, vacant_floor_area_sqm, floor_height_m,
            floor_load_kn_per_sqm, power_capacity_kva, rent_cny_per_sqm_month, status, available_from, location, code, name_zh,
            name_en, steward_id)
        SELECT (enum_range(NULL::carrier_kind))[1 + floor(random() * 5)::int], industries, 60000, round((random() * 59000)::numeric, 2),
            round((3 + random() * 9)::numeric, 2), round((2 + random() * 48)::numeric, 2), round((500 + random() * 19500)::numeric, 1),
            round((8 + random() * 42)::numeric, 2), 'available', DATE '2025-01-01' + floor(random() * 700)::int, location, code || '-x' || g,
            name_zh, name_en, steward_id
        FROM industrial_carriers, generate_series(1, 1000) g;
        INSERT INTO buildings (category, floors, gross_floor_area_sqm, vacant_floor_area_sqm, floor_height_m, floor_load_kn_per_sqm,
            rent_cny_per_sqm_month, available_from, footprint, code, name_zh, name_en, steward_id)
        SELECT category, 1 + floor(random() * 30)::int, 60000, round((random() * 59000)::numeric, 2), round((3 + random() * 9)::numeric, 2),
            round((2 + random() * 48)::numeric, 2), round((8 + random() * 42)::numeric, 2), DATE '2025-01-01' + floor(random() * 700)::int,
            footprint, code || '-x' || g, name_zh, name_en, steward_id
        FROM buildings, generate_series(1, 1000) g;
        ANALYZE land_parcels; ANALYZE industrial_carriers; ANALYZE buildings;
        """;

    [Fact]
    public async Task EveryHardCriterion_IsAnIndexCondition_InTheMatchsOwnSql_AtScale()
    {
        await using var connection = await api.Database.OpenAsync();
        await using var transaction = await AtScaleAsync(connection);
        var missing = new List<string>();
        foreach (var (space, criterion, indexes) in Indexed)
        {
            // Counting the matches, and ranking them by a soft requirement (which must see every candidate).
            var counted = await SqlAsync(connection, Query(space, criterion));
            var ranked = await SqlAsync(connection, Query(space, criterion, """{"criterion":"near","kind":"hospital","max":2000,"must":false}"""));
            foreach (var (what, plan) in new[]
            {
                ("count", await ExplainAsync(connection, counted.Count, counted.Parameters)),
                ("ranking", await ExplainAsync(connection, ranked.Ranking, ranked.Parameters)),
            })
            {
                // A distance may be served by either side (a|b): the sites' geography index, or the places' — their
                // geography index, or, a kind having a few places, its kind index with the box tests before the exact one.
                missing.AddRange(indexes.Where(i => !i.Split('|').Any(n => plan.Contains(n, StringComparison.Ordinal)))
                    .Select(i => $"{criterion} ({what}): {i} not used in\n{plan}"));
            }
        }

        Assert.True(missing.Count == 0, string.Join("\n\n", missing));
    }

    [Fact]
    public async Task TheOneAwayCounts_UseTheOtherCriteriasIndexes()
    {
        await using var connection = await api.Database.OpenAsync();
        await using var transaction = await AtScaleAsync(connection);
        var sql = await SqlAsync(connection, Query("floor", """{"criterion":"floorLoad","min":45}""", """{"criterion":"power","min":18000}"""));
        var plan = await ExplainAsync(connection, sql.OneAway, sql.Parameters);
        Assert.Contains("ix_industrial_carriers_floor_load_kn_per_sqm", plan, StringComparison.Ordinal); // for "only power fails"
        Assert.Contains("ix_industrial_carriers_power_capacity_kva", plan, StringComparison.Ordinal); // for "only floor load fails"
    }

    private static async Task<MatchSql> SqlAsync(NpgsqlConnection connection, MatchQuery query) =>
        new(query, await MatchSql.PlacesAsync(connection, query, Ct));

    private static MatchQuery Query(string space, params string[] criteria)
    {
        var errors = new List<FieldError>();
        var body = JsonDocument.Parse($$"""{"space":"{{space}}","criteria":[{{string.Join(",", criteria)}}]}""").RootElement;
        var written = MatchBody.Read(body, errors);
        return RequirementReader.Read(written.Space, written.Written, written.Limit, written.Offset,
            new HashSet<string>(StringComparer.Ordinal) { "shiling" }, errors);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A transaction holding <see cref="AtScale"/>'s copies, sequential scans priced out; rolled back when disposed.</summary>
    private static async Task<NpgsqlTransaction> AtScaleAsync(NpgsqlConnection connection)
    {
        var transaction = await connection.BeginTransactionAsync(Ct);
        await ExecuteAsync(connection, AtScale);
        await ExecuteAsync(connection, "SET LOCAL enable_seqscan = off");
        // As the API's own connections run (DatabaseSetup): no parallel workers, which PostGIS's high estimates would
        // otherwise take for a page of a few thousand candidates.
        await ExecuteAsync(connection, "SET LOCAL max_parallel_workers_per_gather = 0");
        return transaction;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<string> ExplainAsync(NpgsqlConnection connection, string sql, IEnumerable<NpgsqlParameter> parameters)
    {
        await using var explain = new NpgsqlCommand($"EXPLAIN {sql}", connection);
        explain.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
        await using var reader = await explain.ExecuteReaderAsync(Ct);
        var lines = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
