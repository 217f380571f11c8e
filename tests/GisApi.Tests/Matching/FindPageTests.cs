using System.Text.Json;
using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests.Matching;

/// <summary>
/// The map's "Find sites for my project" in Debian's headless Chromium (Browser/find.e2e.mjs): a shared link opens on
/// its search with the list and the map coloured exactly as <c>/match</c> answers; the form writes the search into the
/// URL; a one-away suggestion relaxes the search; a zoomed-in site shows the places around it.
/// </summary>
[Collection(BrowserScenario.Collection)]
public sealed class FindPageTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private const string Search = "space=floor&size=2000..&floorLoad=30..;soft;weight=2&rent=..20;soft&near=metroStation:3;unit=km;soft";

    [Theory]
    [InlineData("en", "floor load")]
    [InlineData("zh", "楼面承重")]
    public async Task ASharedLink_OpensOnItsSearch_TheListAndTheMapAsMatchAnswers(string lang, string words)
    {
        var answer = await MatchApi.GetAsync(api.Factory.CreateClient(), $"{Search}&limit=50");
        using var seen = await BrowseAsync("link", $"#lang={lang}&find={Uri.EscapeDataString(Search)}");
        var root = seen.RootElement;

        var expected = answer.GetProperty("matches").EnumerateArray().Select(m =>
            $"{m.GetProperty("layer").GetString()}/{m.GetProperty("code").GetString()}={m.GetProperty("score").GetDouble()}:"
            + string.Join(',', m.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("status").GetString()))).ToList();
        var shown = root.GetProperty("ranked").EnumerateArray().Select(r =>
            $"{r.GetProperty("site").GetString()}={r.GetProperty("score").GetDouble()}:"
            + string.Join(',', r.GetProperty("fits").EnumerateArray().Select(f => f.GetProperty("status").GetString()))).ToList();
        Assert.Equal(expected, shown);
        Assert.True(expected.Select(e => e.Split('=')[1].Split(':')[0]).Distinct().Count() > 1, "the search should tell sites apart");
        Assert.Equal(expected.Select(e => e.Split(':')[0]).Order(StringComparer.Ordinal),
            root.GetProperty("coloured").EnumerateArray().Select(c => c.GetString()!));
        Assert.Contains(root.GetProperty("ranked").EnumerateArray().SelectMany(r => r.GetProperty("fits").EnumerateArray()),
            f => f.GetProperty("text").GetString()!.Contains(words, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheForm_PutsTheSearchInTheUrl_AndListsWhatMatchAnswers()
    {
        using var seen = await BrowseAsync("form");
        var find = seen.RootElement.GetProperty("find").GetString()!;
        Assert.Equal("space=floor&floorLoad=30..&rent=..25;soft;weight=2&near=expresswayEntrance:6;unit=km", find);
        var answer = await MatchApi.GetAsync(api.Factory.CreateClient(), $"{find}&limit=50");
        Assert.Equal(MatchApi.Sites(answer), seen.RootElement.GetProperty("ranked").EnumerateArray().Select(r => r.GetProperty("site").GetString()!));
        Assert.NotEmpty(MatchApi.Sites(answer));
    }

    [Fact]
    public async Task Relaxing_TakesTheOneAwaySuggestionIntoTheSearch()
    {
        const string strict = "space=floor&size=8000..&floorLoad=30..&near=expresswayEntrance:5;unit=km";
        using var seen = await BrowseAsync("relax", $"#lang=en&find={Uri.EscapeDataString(strict)}");
        var root = seen.RootElement;
        Assert.True(root.GetProperty("after").GetInt32() > root.GetProperty("before").GetInt32());
        var relaxed = root.GetProperty("find").GetString()!;
        Assert.NotEqual(strict, relaxed);
        var answer = await MatchApi.GetAsync(api.Factory.CreateClient(), $"{relaxed}&limit=50");
        Assert.Equal(root.GetProperty("after").GetInt32(), MatchApi.Sites(answer).Count);
    }

    [Fact]
    public async Task AChosenSite_IsShownWithThePlacesAroundIt_DrawnAndNamed()
    {
        // Each kind's nearest place within 3 km of the site, as PostGIS measures it on the spheroid.
        var around = await MatchApi.ColumnAsync(api.Database, """
            SELECT id FROM (SELECT DISTINCT ON (p.kind) p.id, ST_Distance(p.location::geography, c.location::geography) AS d
              FROM places p, industrial_carriers c WHERE c.code = 'JK-ZT-001'
              ORDER BY p.kind, ST_Distance(p.location::geography, c.location::geography)) n
            WHERE d <= 3000 ORDER BY id
            """);
        Assert.NotEmpty(around);
        using var seen = await BrowseAsync("surroundings", "JK-ZT-001");
        var places = seen.RootElement.GetProperty("places").EnumerateArray().Select(p => p.GetString()!).ToList();
        var labels = seen.RootElement.GetProperty("labels").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.All(around, id => Assert.Contains(id, places));
        Assert.All(around, id => Assert.Contains(id, labels));
    }

    [Theory]
    [InlineData("card")]
    [InlineData("compare")]
    public async Task AskingAboutASearchedSite_FromItsCardOrTheComparison_ReachesItsBureau_WithTheSearch(string from)
    {
        const string search = "space=floor&floorLoad=30..";
        using var seen = await BrowseAsync("ask", $"#lang=en&layer=carriers&selected=JK-ZT-008&find={Uri.EscapeDataString(search)} {from}");
        var reference = seen.RootElement.GetProperty("reference").GetString()!;
        Assert.Matches("^LI-[A-Z0-9]{8}$", reference);
        var bureau = await api.Database.ScalarAsync<string>("SELECT s.name_en FROM industrial_carriers c JOIN stewards s ON s.id = c.steward_id WHERE c.code = 'JK-ZT-008'");
        Assert.Contains(bureau, seen.RootElement.GetProperty("sent").GetString(), StringComparison.Ordinal);
        Assert.Equal($"carriers/JK-ZT-008|{search}|Sun Ba", await api.Database.ScalarAsync<string>(
            "SELECT layer || '/' || code || '|' || requirements || '|' || name FROM inquiries WHERE reference = @r", ("r", reference)));
        Assert.StartsWith($"/match.xlsx?{search}&", seen.RootElement.GetProperty("spreadsheet").GetString(), StringComparison.Ordinal);
        if (from == "compare")
        {
            Assert.Equal($"/sites/shortlist.pdf?lang=en&sites=carriers/JK-ZT-008&find={Uri.EscapeDataString(search)}",
                seen.RootElement.GetProperty("shortlist").GetString());
        }
    }

    private async Task<JsonDocument> BrowseAsync(string scenario, string argument = "")
    {
        await using var kestrel = KestrelServer.Start(api.Database.ConnectionString, out var baseUrl, ("Inquiries:MinSecondsToFill", "1"));
        return await BrowserScenario.RunAsync("find.e2e.mjs", scenario, baseUrl, argument);
    }
}
