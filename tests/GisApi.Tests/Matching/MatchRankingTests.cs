using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LandInventory.GisApi.Tests.Matching;

/// <summary>
/// Soft criteria rank by the documented score, near misses say their shortfall, the sites one hard criterion away are
/// counted with what would take them in — each against PostGIS by hand — and bad requirements are refused by name.
/// </summary>
public sealed class MatchRankingTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SoftCriteria_RankByTheWeightedShareMet_ANearMissCountingHalf_AsPostGisComputesIt()
    {
        // Floor load ≥ 30 (weight 2), a near miss from 24; rent ≤ 20, a near miss to 24; unstated counts as not met.
        var expected = await MatchApi.ColumnAsync(api.Database, $"""
            WITH s AS ({MatchApi.FloorSites}),
            f AS (SELECT layer, code,
                CASE WHEN floor_load_kn_per_sqm >= 30 THEN 1 WHEN floor_load_kn_per_sqm >= 24 THEN 0.5 ELSE 0 END AS load,
                CASE WHEN rent <= 20 THEN 1 WHEN rent <= 24 THEN 0.5 ELSE 0 END AS rent FROM s WHERE size >= 5000)
            SELECT layer || '/' || code || '=' || round(100.0 * (2 * load + rent) / 3, 1)::float8 FROM f
            ORDER BY round(100.0 * (2 * load + rent) / 3, 1) DESC, layer, code
            """);

        var answer = await MatchApi.PostAsync(api.Factory.CreateClient(), new
        {
            space = "floor", limit = 200,
            criteria = new object[]
            {
                new { criterion = "size", min = 5000 },
                new { criterion = "floorLoad", min = 30, must = false, weight = 2 },
                new { criterion = "rent", max = 20, must = false },
            },
        });

        var ranked = answer.GetProperty("matches").EnumerateArray().Select(m =>
            $"{m.GetProperty("layer").GetString()}/{m.GetProperty("code").GetString()}={m.GetProperty("score").GetDouble().ToString(CultureInfo.InvariantCulture)}").ToList();
        Assert.Equal(expected, ranked);
        Assert.Contains(ranked, r => r.EndsWith("=100", StringComparison.Ordinal));
        Assert.Contains(ranked, r => !r.EndsWith("=100", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, ranked.Count), answer.GetProperty("matches").EnumerateArray().Select(m => m.GetProperty("rank").GetInt32()));
    }

    [Fact]
    public async Task ANearMiss_SaysItsShortfallInTheUnitAsked()
    {
        // JK-ZT-002 has 25 kN/m²: 5 short of 30, within a fifth of it.
        var load = await api.Database.ScalarAsync<decimal>("SELECT floor_load_kn_per_sqm FROM industrial_carriers WHERE code = 'JK-ZT-002'");
        var answer = await MatchApi.GetAsync(api.Factory.CreateClient(), "space=floor&floorLoad=30..;soft&limit=200");
        var fit = answer.GetProperty("matches").EnumerateArray().Single(m => m.GetProperty("code").GetString() == "JK-ZT-002")
            .GetProperty("criteria")[0];

        Assert.Equal("nearMiss", fit.GetProperty("status").GetString());
        Assert.Equal((double)load, fit.GetProperty("value").GetDouble());
        Assert.Equal(30 - (double)load, fit.GetProperty("shortfall").GetDouble());
        Assert.Equal($"floor load {load:0.##} kN/m², {30 - load:0.##} short of 30", fit.GetProperty("text").GetProperty("en").GetString());
        Assert.Equal($"楼面承重 {load:0.##} kN/m²，比要求的 30 低 {30 - load:0.##}", fit.GetProperty("text").GetProperty("zh").GetString());
    }

    [Fact]
    public async Task TheSitesOneHardCriterionAway_AreCountedWithWhatWouldTakeThemIn_AsPostGisFindsThem()
    {
        // size ≥ 8000, floor load ≥ 30, within 5 km of an expressway entrance: those failing exactly one, per criterion.
        var oracle = await MatchApi.ColumnAsync(api.Database, $"""
            WITH s AS ({MatchApi.FloorSites}),
            t AS (SELECT layer, code, floor_load_kn_per_sqm AS load, size,
                coalesce(size >= 8000, false) AS a, coalesce(floor_load_kn_per_sqm >= 30, false) AS b,
                EXISTS (SELECT 1 FROM places p WHERE p.kind = 'expressway_entrance'
                        AND ST_DWithin(p.location::geography, s.geom::geography, 5000)) AS c,
                (SELECT min(ST_Distance(p.location::geography, s.geom::geography)) FROM places p WHERE p.kind = 'expressway_entrance') AS d
              FROM s)
            SELECT 'size=' || count(*) || '/' || coalesce(floor(min(size))::text, '') FROM t WHERE NOT a AND b AND c
            UNION ALL SELECT 'floorLoad=' || count(*) || '/' || coalesce(min(load)::text, '') FROM t WHERE a AND NOT b AND c
            UNION ALL SELECT 'near=' || count(*) || '/' || coalesce(ceil(max(d))::text, '') FROM t WHERE a AND b AND NOT c
            """);

        var answer = await MatchApi.GetAsync(api.Factory.CreateClient(), "space=floor&size=8000..&floorLoad=30..&near=expresswayEntrance:5;unit=km");
        var away = answer.GetProperty("oneAway").EnumerateArray().ToDictionary(o => o.GetProperty("criterion").GetString()!);
        foreach (var line in oracle)
        {
            var (name, figures) = (line[..line.IndexOf('=', StringComparison.Ordinal)], line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Split('/'));
            if (figures[0] == "0")
            {
                Assert.False(away.ContainsKey(name), $"{name}: nobody is one {name} away");
                continue;
            }

            var one = away[name];
            Assert.Equal(long.Parse(figures[0], CultureInfo.InvariantCulture), one.GetProperty("sites").GetInt64());
            var need = one.GetProperty("wouldNeed");
            var figure = name == "near" ? need.GetProperty("max").GetDouble() * 1000 : need.GetProperty("min").GetDouble();
            Assert.Equal(double.Parse(figures[1], CultureInfo.InvariantCulture), figure, 0.5 + (name == "near" ? 10 : 0));
            Assert.Contains($"{figures[0]} more site", one.GetProperty("text").GetProperty("en").GetString(), StringComparison.Ordinal);
        }

        Assert.NotEmpty(away);
    }

    [Fact]
    public async Task OneValueAway_SaysWhichValuesWouldTakeTheSitesIn_AndHowManyStateNone()
    {
        // kind must be a standard factory, floor load at least 20: the sites failing only the kind, by their kinds.
        var oracle = await MatchApi.ColumnAsync(api.Database, $"""
            WITH s AS ({MatchApi.FloorSites})
            SELECT count(*) || '|' || count(kind) || '|' || coalesce(string_agg(DISTINCT kind, ',' ORDER BY kind), '')
            FROM s WHERE coalesce(floor_load_kn_per_sqm >= 20, false) AND kind IS DISTINCT FROM 'standard_factory'
            """);
        var answer = await MatchApi.GetAsync(api.Factory.CreateClient(), "space=floor&kind=standardFactory&floorLoad=20..");
        var kind = answer.GetProperty("oneAway").EnumerateArray().Single(o => o.GetProperty("criterion").GetString() == "kind");
        var (sites, known, values) = (oracle[0].Split('|')[0], oracle[0].Split('|')[1], oracle[0].Split('|')[2]);
        Assert.Equal(long.Parse(sites, CultureInfo.InvariantCulture), kind.GetProperty("sites").GetInt64());
        Assert.Equal(long.Parse(sites, CultureInfo.InvariantCulture) - long.Parse(known, CultureInfo.InvariantCulture), kind.GetProperty("unstated").GetInt64());
        Assert.Equal(values.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => JsonNamingPolicy.CamelCase.ConvertName(
                string.Concat(v.Split('_').Select((w, i) => i == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..])))).Order(StringComparer.Ordinal),
            kind.GetProperty("wouldNeed").GetProperty("values").EnumerateArray().Select(v => v.GetString()!).Order(StringComparer.Ordinal));
        Assert.Contains("if kind included", kind.GetProperty("text").GetProperty("en").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheGetForm_AndTheBody_AskTheSame_AndTheSelfLinkAsksItAgain()
    {
        var client = api.Factory.CreateClient();
        var posted = await MatchApi.PostAsync(client, new
        {
            space = "floor",
            criteria = new object[]
            {
                new { criterion = "size", min = 2000, max = 60000 },
                new { criterion = "near", kind = "metroStation", max = 3, unit = "km", must = false, weight = 2 },
                new { criterion = "rent", max = 30, must = false },
            },
        });
        var form = posted.GetProperty("requirements").GetString()!;
        Assert.Equal("space=floor&size=2000..60000&near=metroStation:3;unit=km;soft;weight=2&rent=..30;soft", form);
        var got = await MatchApi.GetAsync(client, form);
        Assert.Equal(MatchApi.Sites(posted), MatchApi.Sites(got));
        var self = new Uri(got.GetProperty("links")[0].GetProperty("href").GetString()!);
        Assert.Equal(MatchApi.Sites(posted), MatchApi.Sites(await MatchApi.GetAsync(client, self.Query.TrimStart('?'))));
    }

    [Theory]
    [InlineData("""{"space":"floor","criteria":[{"criterion":"parking","min":3}]}""", "criteria[0].criterion", "'parking' is not a criterion")]
    [InlineData("""{"space":"floor","criteria":[{"criterion":"floorLoad","min":3,"unit":"kg"}]}""", "criteria[0].unit", "'kg' is not a unit of floorLoad")]
    [InlineData("""{"space":"land","criteria":[{"criterion":"size","min":12000,"max":8000}]}""", "criteria[0]", "min 12000 is above max 8000")]
    [InlineData("""{"space":"land","criteria":[{"criterion":"power","min":2000}]}""", "criteria[0].criterion", "power does not apply to land")]
    [InlineData("""{"space":"sea","criteria":[]}""", "space", "'sea' is not a space")]
    [InlineData("""{"space":"floor","criteria":[{"criterion":"near","kind":"beach","max":1000}]}""", "criteria[0].kind", "'beach' is not a kind of place")]
    [InlineData("""{"space":"floor","criteria":[{"criterion":"rent","max":"cheap"}]}""", "criteria[0].max", "\"cheap\" is not a number")]
    [InlineData("""{"space":"floor","criteria":[{"criterion":"rent","max":20,"weight":2}]}""", "criteria[0].weight", "a weight belongs to a soft requirement")]
    [InlineData("""{"space":"floor","criteria":[{"criterion":"rent","max":20,"from":1}]}""", "criteria[0].from", "takes criterion, must, weight, min, max, unit")]
    [InlineData("""{"space":"land","criteria":[{"criterion":"area","values":["atlantis"]}]}""", "criteria[0].values", "'atlantis' is not one of")]
    [InlineData("""{"space":"floor","limit":5000}""", "limit", "must be from 1 to 200")]
    [InlineData("""{"space":"floor","criteria":[{"criterion":"size","min":1e300}]}""", "criteria[0].min", "must be a number from 0 to 1e12")]
    public async Task BadRequirements_Are400_NamingTheField(string body, string field, string message)
    {
        using var response = await api.Factory.CreateClient().PostAsync("/match",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("space=floor&floorLoad=30", "floorLoad", "not a range")]
    [InlineData("space=floor&rent=..25;cheap", "rent", "'cheap' is not an option")]
    [InlineData("space=floor&near=metroStation", "near", "is not kind:distance")]
    [InlineData("space=floor&size=8000..;unit=acre", "size.unit", "'acre' is not a unit of size")]
    [InlineData("space=floor&floorLoad=1e300..", "floorLoad.min", "must be a number from 0 to 1e12")]
    [InlineData("space=floor&availableBy=9999-12-31", "availableBy.date", "up to the year 9000")]
    public async Task BadForms_Are400_NamingTheParameter(string query, string field, string message)
    {
        using var response = await api.Factory.CreateClient().GetAsync($"/match?{query}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var error = problem.GetProperty("errors").EnumerateArray().First();
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
