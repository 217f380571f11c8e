using System.Globalization;
using System.Net;
using System.Text.Json;

namespace LandInventory.GisApi.Tests.Matching;

/// <summary>
/// The match and the nearest places in OData, for BI tools: the function answers what <c>POST /match</c> answers, bad
/// requirements are OData errors naming the field, and a site's nearest places are what PostGIS measures on the spheroid.
/// </summary>
public sealed class MatchODataTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private const string Requirements = """
        {"space":"floor","criteria":[{"criterion":"size","min":5000},{"criterion":"floorLoad","min":30,"must":false},
         {"criterion":"near","kind":"metroStation","max":3,"unit":"km","must":false,"weight":2}],"limit":50}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheMatchFunction_AnswersWhatPostMatchAnswers()
    {
        var client = api.Factory.CreateClient();
        var posted = await MatchApi.PostAsync(client, JsonDocument.Parse(Requirements).RootElement);
        using var response = await client.GetAsync(
            $"/odata/Match(requirements=@r)?@r={Uri.EscapeDataString($"'{Requirements.ReplaceLineEndings(" ")}'")}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var rows = JsonDocument.Parse(text).RootElement.GetProperty("value").EnumerateArray().ToList();

        string Line(JsonElement m, string criteria) => string.Create(CultureInfo.InvariantCulture,
            $"{m.GetProperty("layer").GetString()}/{m.GetProperty("code").GetString()}={m.GetProperty("score").GetDouble()}:{criteria}");
        var expected = posted.GetProperty("matches").EnumerateArray().Select(m => Line(m, string.Join(',',
            m.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("status").GetString())))).ToList();
        Assert.True(expected.Count > 1);
        Assert.Equal(expected, rows.Select(m => Line(m, string.Join(',',
            m.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("status").GetString())))));
        Assert.Contains(rows.SelectMany(r => r.GetProperty("criteria").EnumerateArray()), c => c.GetProperty("textEn").GetString()!.Contains("metro station", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadRequirements_AreAnODataError_NamingTheField()
    {
        using var response = await api.Factory.CreateClient().GetAsync(
            $"/odata/Match(requirements=@r)?@r={Uri.EscapeDataString("""'{"space":"floor","criteria":[{"criterion":"floorLoad","min":3,"unit":"psi"}]}'""")}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error");
        var detail = Assert.Single(error.GetProperty("details").EnumerateArray());
        Assert.Equal("criteria[0].unit", detail.GetProperty("target").GetString());
        Assert.Contains("'psi' is not a unit of floorLoad", detail.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Parcels", "land_parcels", "boundary")]
    [InlineData("Carriers", "industrial_carriers", "location")]
    [InlineData("Buildings", "buildings", "footprint")]
    public async Task ASitesNearestPlaces_InOData_AreWhatPostGisMeasuresOnTheSpheroid(string set, string table, string geometry)
    {
        var code = await api.Database.ScalarAsync<string>($"SELECT code FROM {table} ORDER BY code DESC LIMIT 1");
        var expected = await MatchApi.ColumnAsync(api.Database, $"""
            SELECT DISTINCT ON (p.kind) p.kind::text || '=' || p.id || '@' || round(ST_Distance(p.location::geography, t.{geometry}::geography)::numeric, 1)
            FROM places p, {table} t WHERE t.code = '{code}'
            ORDER BY p.kind, ST_Distance(p.location::geography, t.{geometry}::geography), p.id
            """);
        using var response = await api.Factory.CreateClient().GetAsync($"/odata/{set}('{Uri.EscapeDataString(code)}')/NearestPlaces()", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var got = JsonDocument.Parse(text).RootElement.GetProperty("value").EnumerateArray().Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{JsonNamingPolicy.SnakeCaseLower.ConvertName(p.GetProperty("kind").GetString()!)}={p.GetProperty("id").GetString()}@{p.GetProperty("distanceM").GetDouble():0.0}"));
        Assert.Equal(expected.Order(StringComparer.Ordinal), got.Order(StringComparer.Ordinal));
        Assert.Equal(8, expected.Count);
    }
}
