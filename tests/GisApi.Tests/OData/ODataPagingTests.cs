using LandInventory.GisApi.OData;
using LandInventory.Importer;
using LandInventory.PostGis.Testing;
using static LandInventory.GisApi.Tests.OData.ODataHttp;

namespace LandInventory.GisApi.Tests.OData;

/// <summary>Server-driven paging over more parcels than a page holds: every parcel once, in key order, then no link.</summary>
public sealed class ODataPagingTests(PostGisServer server)
{
    [Fact]
    public async Task NextLinks_WalkEveryParcelOnce()
    {
        await using var database = await InventoryTestDatabase.CreateAsync(server);
        var exit = await new ImportCommand(TextWriter.Null, TextWriter.Null).RunAsync(
            new ImportRequest(RepositoryFiles.DataFolder, Connection: database.ConnectionString), TestContext.Current.CancellationToken);
        Assert.Equal(ImportCommand.Success, exit);
        // Eight copies of each parcel under new codes: more than one page.
        await database.ScalarAsync<object>("""
            INSERT INTO land_parcels (code, name_zh, name_en, steward_id, area_id, land_use, land_use_code, land_use_scheme,
              net_site_area_sqm, plot_ratio_max, lease_term_years, supply_method, status, boundary)
            SELECT code || '-' || g, name_zh, name_en, steward_id, area_id, land_use, land_use_code, land_use_scheme,
              net_site_area_sqm, plot_ratio_max, lease_term_years, supply_method, status, boundary
            FROM land_parcels, generate_series(1, 8) g
            """);
        await using var factory = new ApiFactory(database.ConnectionString);
        var client = factory.CreateClient();

        var pages = new List<int>();
        var codes = new List<string>();
        string? next = "/odata/Parcels?$select=code&$count=true";
        while (next is not null)
        {
            using var page = await OkAsync(client, next);
            var values = page.RootElement.GetProperty("value").EnumerateArray().Select(p => p.GetProperty("code").GetString()!).ToList();
            pages.Add(values.Count);
            codes.AddRange(values);
            next = page.RootElement.TryGetProperty("@odata.nextLink", out var link) ? new Uri(link.GetString()!).PathAndQuery : null;
            Assert.True(pages.Count < 10, "the next links do not end");
        }

        var expected = await database.ScalarAsync<string>("SELECT string_agg(code, ',' ORDER BY code) FROM land_parcels");
        Assert.Equal(expected, string.Join(',', codes));
        Assert.Equal(189, codes.Count);
        Assert.Equal([InventoryQueryAttribute.PageSizeDefault, 89], pages);
    }
}
