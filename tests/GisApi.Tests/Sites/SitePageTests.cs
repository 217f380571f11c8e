using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests.Sites;

/// <summary>
/// A site's page read in Chromium with JavaScript off (figures with units, nearest places, bureau, meta tags for link
/// previews, the map image, the QR code) and its form sent without JavaScript; the brochure read back by pdftotext
/// (Chinese and English names, figures, dates), its fonts embedded (pdffonts) and its QR code decoded (zbarimg) — each
/// against PostGIS.
/// </summary>
[Collection(BrowserScenario.Collection)]
public sealed class SitePageTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThePage_ReadsWithoutJavaScript_EveryFigureWithItsUnit_AsPostGisHasThem()
    {
        await using var kestrel = KestrelServer.Start(api.Database.ConnectionString, out var baseUrl);
        using var seen = await BrowserScenario.RunAsync("site.e2e.mjs", "read", baseUrl, "/sites/carriers/JK-ZT-001?lang=en");
        var root = seen.RootElement;
        await using var connection = await api.Database.OpenAsync();
        var row = await SingleRowAsync(connection, """
            SELECT c.name_en, c.vacant_floor_area_sqm, c.power_capacity_kva, c.floor_load_kn_per_sqm, c.contact_phone, s.name_en, c.rent_cny_per_sqm_month
            FROM industrial_carriers c JOIN stewards s ON s.id = c.steward_id WHERE c.code = 'JK-ZT-001'
            """);
        Assert.StartsWith((string)row[0], root.GetProperty("title").GetString(), StringComparison.Ordinal);
        var fields = root.GetProperty("fields");
        Assert.Equal($"{(decimal)row[1]:#,##0} m²", fields.GetProperty("vacantFloorAreaSqm").GetString());
        Assert.Equal($"{(decimal)row[2]:#,##0} kVA", fields.GetProperty("powerCapacityKva").GetString());
        Assert.Equal($"{(decimal)row[3]:0.#} kN/m²", fields.GetProperty("floorLoadKnPerSqm").GetString());
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"CNY {(decimal)row[6]:0.00} per m² a month"), fields.GetProperty("rentCnyPerSqmMonth").GetString());
        Assert.Contains((string)row[4], root.GetProperty("contact").GetString(), StringComparison.Ordinal);
        Assert.Contains((string)row[5], root.GetProperty("contact").GetString(), StringComparison.Ordinal);

        var meta = root.GetProperty("meta");
        Assert.Equal($"{baseUrl}/sites/carriers/JK-ZT-001.png?lang=en", meta.GetProperty("og:image").GetString());
        Assert.Equal(root.GetProperty("title").GetString(), meta.GetProperty("og:title").GetString());
        Assert.Contains($"{(decimal)row[1]:#,##0} m²", meta.GetProperty("og:description").GetString(), StringComparison.Ordinal);
        Assert.Equal("summary_large_image", meta.GetProperty("twitter:card").GetString());
        Assert.Equal(1200, root.GetProperty("image").GetProperty("loaded").GetInt32());
        Assert.Equal(1, root.GetProperty("qr").GetInt32());

        var nearest = await Matching.MatchApi.ColumnAsync(api.Database, """
            SELECT DISTINCT ON (p.kind) p.kind::text || '=' || p.id FROM places p, industrial_carriers c WHERE c.code = 'JK-ZT-001'
            ORDER BY p.kind, ST_Distance(p.location::geography, c.location::geography)
            """);
        Assert.Equal(nearest.Select(n => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(Snake(n))).Order(StringComparer.Ordinal),
            root.GetProperty("near").EnumerateArray().Select(n => n.GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ThePagesForm_SentWithoutJavaScript_ReachesTheBureau_AndSaysTheReference()
    {
        await using var kestrel = KestrelServer.Start(api.Database.ConnectionString, out var baseUrl, ("Inquiries:MinSecondsToFill", "1"));
        using var seen = await BrowserScenario.RunAsync("site.e2e.mjs", "ask", baseUrl, "/sites/carriers/JK-ZT-004?lang=en");
        var url = new Uri(seen.RootElement.GetProperty("url").GetString()!);
        var reference = System.Web.HttpUtility.ParseQueryString(url.Query)["inquiry"]!;
        Assert.Contains(reference, seen.RootElement.GetProperty("sent").GetString(), StringComparison.Ordinal);
        Assert.Equal("Chen Qi|" + await api.Database.ScalarAsync<string>("SELECT steward_id FROM industrial_carriers WHERE code = 'JK-ZT-004'"),
            await api.Database.ScalarAsync<string>("SELECT name || '|' || steward_id FROM inquiries WHERE reference = @r", ("r", reference)));
    }

    [Theory]
    [InlineData("zh", "name_zh")]
    [InlineData("en", "name_en")]
    public async Task TheBrochure_ReadsBack_NamesFiguresAndDates_WithItsFontsEmbedded_AndItsQrCodeOpensThePage(string lang, string name)
    {
        var code = await api.Database.ScalarAsync<string>("SELECT min(code) FROM land_parcels WHERE status = 'available'");
        using var response = await api.Factory.CreateClient().GetAsync($"/sites/parcels/{Uri.EscapeDataString(code)}.pdf?lang={lang}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var file = Path.Combine(BrowserScenario.Artifacts, $"brochure-{lang}.pdf");
        Directory.CreateDirectory(BrowserScenario.Artifacts);
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync(Ct), Ct);

        await using var connection = await api.Database.OpenAsync();
        var row = await SingleRowAsync(connection, $"""
            SELECT p.name_zh, p.name_en, p.{name}, p.net_site_area_sqm, p.updated_at::date::text, p.verified_on::text, s.name_zh, s.name_en
            FROM land_parcels p JOIN stewards s ON s.id = p.steward_id WHERE p.code = '{code}'
            """);
        var text = await RunAsync("pdftotext", "-layout", file, "-");
        Assert.Contains((string)row[0], text, StringComparison.Ordinal);
        Assert.Contains((string)row[1], text, StringComparison.Ordinal);
        Assert.Contains($"{(decimal)row[3]:#,##0.##} m²", text, StringComparison.Ordinal);
        Assert.Contains((string)row[4], text, StringComparison.Ordinal);
        Assert.Contains((string)row[5], text, StringComparison.Ordinal);
        Assert.Contains(lang == "zh" ? (string)row[6] : ((string)row[7])[..20], text, StringComparison.Ordinal);
        Assert.Contains(lang == "zh" ? "数据截至" : "Figures as of", text, StringComparison.Ordinal);

        var fonts = (await RunAsync("pdffonts", file)).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Matches(@"\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$", f)); // embedded, subset, with a Unicode map

        await RunAsync("pdftoppm", "-png", "-r", "150", file, Path.Combine(BrowserScenario.Artifacts, $"brochure-{lang}"));
        var decoded = await RunAsync("zbarimg", "-q", "--raw", Path.Combine(BrowserScenario.Artifacts, $"brochure-{lang}-1.png"));
        Assert.EndsWith($"/sites/parcels/{Uri.EscapeDataString(code)}?lang={lang}", decoded.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AShortlistsBrochure_ComparesItsSites_WithTheirFitToTheSearch_ThenAPageEach()
    {
        const string search = "space=floor&floorLoad=30..&rent=..11;soft";
        using var response = await api.Factory.CreateClient().GetAsync(
            $"/sites/shortlist.pdf?lang=en&sites=carriers/JK-ZT-001,carriers/JK-ZT-003&find={Uri.EscapeDataString(search)}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = Path.Combine(BrowserScenario.Artifacts, "shortlist-en.pdf");
        Directory.CreateDirectory(BrowserScenario.Artifacts);
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync(Ct), Ct);

        Assert.Matches(@"Pages:\s+3\b", await RunAsync("pdfinfo", file));
        // In the order drawn (a long name wraps within its column, so -layout would interleave the columns).
        var first = (await RunAsync("pdftotext", "-f", "1", "-l", "1", "-raw", file, "-")).ReplaceLineEndings(" ");
        Assert.Contains("Shortlist", first, StringComparison.Ordinal);
        Assert.Contains(search, first, StringComparison.Ordinal);
        foreach (var code in new[] { "JK-ZT-001", "JK-ZT-003" })
        {
            Assert.Contains(await api.Database.ScalarAsync<string>("SELECT name_en FROM industrial_carriers WHERE code = @c", ("c", code)), first, StringComparison.Ordinal);
        }

        // JK-ZT-001 meets the floor load; JK-ZT-003 (12 kN/m²) does not, so it has no fit to show.
        var load = await api.Database.ScalarAsync<decimal>("SELECT floor_load_kn_per_sqm FROM industrial_carriers WHERE code = 'JK-ZT-001'");
        Assert.Contains($"floor load {load:0.##} kN/m² (at least 30 kN/m²)", first, StringComparison.Ordinal);
        Assert.Contains("does not meet every must", first, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.Factory.CreateClient().GetAsync(
            "/sites/shortlist.pdf?sites=carriers/JK-ZT-001,carriers/JK-ZT-002,carriers/JK-ZT-003,carriers/JK-ZT-004", Ct)).StatusCode);
    }

    [Fact]
    public async Task TheMapImage_IsAPreviewSizedPng_TaggedWithTheDataVersion()
    {
        var client = api.Factory.CreateClient();
        using var image = await client.GetAsync("/sites/buildings/JK-LY-001.png", Ct);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        var bytes = await image.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], bytes[..4]);
        Assert.Equal(1200, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(630, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        using var again = new HttpRequestMessage(HttpMethod.Get, "/sites/buildings/JK-LY-001.png");
        again.Headers.IfNoneMatch.Add(image.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again, Ct)).StatusCode);
    }

    [Theory]
    [InlineData("/sites/carriers/NO-SUCH")]
    [InlineData("/sites/areas/shiling")]
    [InlineData("/sites/places/airport-tianfu.pdf")]
    public async Task NoSuchSite_Is404(string url)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await api.Factory.CreateClient().GetAsync(url, Ct)).StatusCode);
    }

    private static string Snake(string kindAndId) => string.Concat(kindAndId.Split('=')[0].Split('_').Select((w, i) => i == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..])) + "=" + kindAndId.Split('=')[1];

    private static async Task<object[]> SingleRowAsync(Npgsql.NpgsqlConnection connection, string sql)
    {
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        var values = new object[reader.FieldCount];
        reader.GetValues(values);
        return values;
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"{program} exited {process.ExitCode}: {await process.StandardError.ReadToEndAsync(Ct)}");
        return output;
    }
}
