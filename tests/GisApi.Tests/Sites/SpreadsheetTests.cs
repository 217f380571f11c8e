using System.Globalization;
using System.Net;

namespace LandInventory.GisApi.Tests.Sites;

/// <summary>
/// The XLSX downloads read back by an independent reader — GDAL's XLSX driver, as a BI or GIS user opens them — equal
/// the API's values and PostGIS's: numbers as numbers, units in the headers, Chinese text intact.
/// </summary>
public sealed class SpreadsheetTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("en", "Industrial carriers", "Vacant floor area (m²)", "Name")]
    [InlineData("zh", "产业载体", "空置面积 (m²)", "名称")]
    public async Task AShortlist_ReadsBackAsPostGisHasIt_NumbersAsNumbers(string lang, string sheet, string vacant, string _)
    {
        var codes = await Matching.MatchApi.ColumnAsync(api.Database, "SELECT code FROM industrial_carriers ORDER BY code LIMIT 3");
        var parcel = await api.Database.ScalarAsync<string>("SELECT min(code) FROM land_parcels");
        var file = await DownloadAsync($"/sites/shortlist.xlsx?lang={lang}&sites={string.Join(',', codes.Select(c => $"carriers/{c}"))},parcels/{Uri.EscapeDataString(parcel)}", $"shortlist-{lang}.xlsx");

        var schema = await Gdal.OgrinfoAsync("-so", file, sheet);
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(vacant)}: (Integer|Real)", schema);
        Assert.Contains("Feature Count: 3", schema, StringComparison.Ordinal);
        var rows = Csv(await Gdal.Ogr2ogrAsync("-f", "CSV", "/vsistdout/", file, sheet));
        var expected = await Matching.MatchApi.ColumnAsync(api.Database,
            $"SELECT code || '=' || vacant_floor_area_sqm::float8 FROM industrial_carriers WHERE code IN ({string.Join(',', codes.Select(c => $"'{c}'"))}) ORDER BY code");
        Assert.Equal(expected, rows.Select(r => $"{r[rows.Header.IndexOf(lang == "zh" ? "编号" : "Code")]}={double.Parse(r[rows.Header.IndexOf(vacant)], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)}"));
        if (lang == "zh")
        {
            var steward = await api.Database.ScalarAsync<string>($"SELECT s.name_zh FROM industrial_carriers c JOIN stewards s ON s.id = c.steward_id WHERE c.code = '{codes[0]}'");
            Assert.Contains(rows, r => r.Contains(steward));
        }

        var parcels = await Gdal.OgrinfoAsync("-so", file, lang == "zh" ? "土地" : "Land parcels");
        Assert.Contains("Feature Count: 1", parcels, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMatch_ReadsBackAsTheMatchAnswers()
    {
        const string query = "space=floor&floorLoad=20..&rent=..20;soft";
        var answer = await Matching.MatchApi.GetAsync(api.Factory.CreateClient(), $"{query}&limit=200");
        var file = await DownloadAsync($"/match.xlsx?{query}&limit=200&lang=en", "matches-en.xlsx");
        var rows = Csv(await Gdal.Ogr2ogrAsync("-f", "CSV", "/vsistdout/", file, "Matches"));
        Assert.Contains("floor load (kN/m²)", rows.Header);
        Assert.Matches(@"floor load \(kN/m²\): (Integer|Real)", await Gdal.OgrinfoAsync("-so", file, "Matches"));
        var expected = answer.GetProperty("matches").EnumerateArray().Select(m => string.Create(CultureInfo.InvariantCulture,
            $"{m.GetProperty("code").GetString()}:{m.GetProperty("score").GetDouble()}:{m.GetProperty("criteria")[0].GetProperty("value").GetDouble()}")).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r[rows.Header.IndexOf("Code")]}:{double.Parse(r[rows.Header.IndexOf("Fit (0–100)")], CultureInfo.InvariantCulture)}:{double.Parse(r[rows.Header.IndexOf("floor load (kN/m²)")], CultureInfo.InvariantCulture)}")));
    }

    [Fact]
    public async Task TheWordsFile_NamesEveryBureauAsTheDatabaseDoes()
    {
        // Words/values.json serves the map's card; the pages, brochures and sheets read the same names from it.
        var words = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(
            Path.Combine(LandInventory.PostGis.Testing.RepositoryFiles.Root, "src", "GisApi", "Words", "values.json"), Ct)).RootElement;
        var stewards = await Matching.MatchApi.ColumnAsync(api.Database, "SELECT id || '|' || name_zh || '|' || name_en FROM stewards ORDER BY id");
        Assert.NotEmpty(stewards);
        Assert.All(stewards, s =>
        {
            var (id, zh, en) = (s.Split('|')[0], s.Split('|')[1], s.Split('|')[2]);
            Assert.Equal(zh, words.GetProperty(id).GetProperty("zh").GetString());
            Assert.Equal(en, words.GetProperty(id).GetProperty("en").GetString());
        });
    }

    [Theory]
    [InlineData("/sites/shortlist.xlsx")]
    [InlineData("/sites/shortlist.xlsx?sites=carriers")]
    public async Task AShortlistWithoutSites_Is400(string url)
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await api.Factory.CreateClient().GetAsync(url, Ct)).StatusCode);
    }

    private async Task<string> DownloadAsync(string url, string name)
    {
        using var response = await api.Factory.CreateClient().GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Directory.CreateDirectory(BrowserScenario.Artifacts);
        var file = Path.Combine(BrowserScenario.Artifacts, name);
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync(Ct), Ct);
        return file;
    }

    /// <summary>GDAL's CSV: a header and rows, fields quoted where they must be.</summary>
    private static CsvRows Csv(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => Fields(l.TrimEnd('\r'))).ToList();
        return new CsvRows(lines[0], lines.Skip(1).ToList());
    }

    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }

    private sealed class CsvRows(List<string> header, List<List<string>> rows) : List<List<string>>(rows)
    {
        public List<string> Header { get; } = header;
    }
}
