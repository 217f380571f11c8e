using System.Net;
using System.Text.Json;
using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests;

/// <summary>
/// Deep pages by cursor: in id order the next links carry the last id (<c>after</c>), and <c>numberMatched</c> is left
/// out where counting would cost more than the page (beyond <see cref="Ogc.ItemsQuery.MaxCounted"/>). Over a database
/// of its own with ten thousand more parcels; every page compared with PostgreSQL's own order.
/// </summary>
public sealed class PagingTests(InventoryApi api) : IClassFixture<InventoryApi>, IAsyncLifetime
{
    private const int Copies = 480; // × 21 parcels: beyond MaxCounted

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (await api.Database.ScalarAsync<long>("SELECT count(*) FROM land_parcels") > Ogc.ItemsQuery.MaxCounted)
        {
            return;
        }

        await api.Database.ScalarAsync<long>($"""
            WITH copied AS (
              INSERT INTO land_parcels (code, name_zh, name_en, steward_id, area_id, land_use, land_use_code, land_use_scheme,
                                        net_site_area_sqm, plot_ratio_max, lease_term_years, supply_method, status, boundary)
              SELECT format('Z%s-%s', lpad(g::text, 4, '0'), code), name_zh, name_en, steward_id, area_id, land_use, land_use_code,
                     land_use_scheme, net_site_area_sqm, plot_ratio_max, lease_term_years, supply_method, status, boundary
              FROM land_parcels, generate_series(1, {Copies}) g
              RETURNING 1)
            SELECT count(*) FROM copied
            """);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task NextLinks_CarryTheLastId_AndWalkEveryParcelOnce_InPostgresOrder()
    {
        var ids = new List<string>();
        var next = "/ogc/collections/parcels/items?limit=1000";
        var pages = 0;
        while (next is not null)
        {
            using var page = await GetAsync(next);
            // Beyond MaxCounted the count is left out, not guessed.
            Assert.False(page.RootElement.TryGetProperty("numberMatched", out _));
            var features = page.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToList();
            Assert.Equal(features.Count, page.RootElement.GetProperty("numberReturned").GetInt32());
            ids.AddRange(features);
            next = Link(page, "next");
            if (next is not null)
            {
                Assert.Contains($"after={Uri.EscapeDataString(features[^1])}", next, StringComparison.Ordinal);
                Assert.DoesNotContain("offset=", next, StringComparison.Ordinal);
            }

            pages++;
        }

        var expected = await api.Database.ScalarAsync<string>("SELECT string_agg(code, ',' ORDER BY code) FROM land_parcels");
        Assert.Equal(expected, string.Join(',', ids));
        Assert.Equal((int)Math.Ceiling(ids.Count / 1000.0), pages);
    }

    [Fact]
    public async Task QgisReadsTheWholeLayer_ByTheCursorLinks_EachParcelOnce()
    {
        await using var server = KestrelServer.Start(api.Database.ConnectionString, out var baseUrl, ("Warmup:Enabled", "false"));
        using var seen = await PythonClient.RunAsync("qgis_pages.py", baseUrl);

        Assert.True(seen.RootElement.GetProperty("valid").GetBoolean(), "QGIS could not load parcels");
        var ids = seen.RootElement.GetProperty("ids").EnumerateArray().Select(i => i.GetString()!).ToList();
        // Ten pages of 1 000 and more: QGIS followed next links, and none gave a parcel twice or skipped one.
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(await PythonClient.CodesAsync(api.Database, "SELECT code FROM land_parcels"), PythonClient.Joined(seen.RootElement.GetProperty("ids")));
    }

    [Theory]
    [InlineData("", "TRUE")]
    [InlineData("&status=available", "status = 'available'")]
    [InlineData("&bbox=104.17,30.58,104.20,30.60", "ST_Intersects(boundary, ST_MakeEnvelope(104.17, 30.58, 104.20, 30.60, 4326))")]
    public async Task APageAfterAnId_IsWhatFollowsIt_InPostgresOrder(string filter, string where)
    {
        var after = await api.Database.ScalarAsync<string>(
            $"SELECT code FROM land_parcels WHERE {where} ORDER BY code OFFSET (SELECT count(*) / 2 FROM land_parcels WHERE {where}) LIMIT 1");

        using var page = await GetAsync($"/ogc/collections/parcels/items?limit=7&after={Uri.EscapeDataString(after)}{filter}");

        var ids = page.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString());
        var expected = await api.Database.ScalarAsync<string>(
            $"SELECT string_agg(code, ',' ORDER BY code) FROM (SELECT code FROM land_parcels WHERE {where} AND code > @after ORDER BY code LIMIT 7) p",
            ("after", after));
        Assert.Equal(expected, string.Join(',', ids));
        Assert.Contains($"after={Uri.EscapeDataString(after)}", Link(page, "self"), StringComparison.Ordinal);
        var matched = await api.Database.ScalarAsync<long>($"SELECT count(*) FROM land_parcels WHERE {where}");
        if (matched <= Ogc.ItemsQuery.MaxCounted)
        {
            Assert.Equal(matched, page.RootElement.GetProperty("numberMatched").GetInt64());
        }
        else
        {
            Assert.False(page.RootElement.TryGetProperty("numberMatched", out _));
        }
    }

    [Fact]
    public async Task SortedPages_GoOnByOffset()
    {
        using var page = await GetAsync("/ogc/collections/parcels/items?limit=10&status=available&sortby=-siteAreaMu");

        var next = Link(page, "next");
        Assert.NotNull(next);
        Assert.Contains("offset=10", next, StringComparison.Ordinal);
        Assert.DoesNotContain("after=", next, StringComparison.Ordinal);
    }

    private async Task<JsonDocument> GetAsync(string url)
    {
        using var response = await api.Factory.CreateClient().GetAsync(new Uri(url, UriKind.Relative), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text);
    }

    private static string? Link(JsonDocument page, string rel) => page.RootElement.GetProperty("links").EnumerateArray()
        .Where(l => l.GetProperty("rel").GetString() == rel)
        .Select(l => new Uri(l.GetProperty("href").GetString()!).PathAndQuery).FirstOrDefault();
}
