using LandInventory.GisApi.OData;
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
        await InventoryData.ImportAsync(database.ConnectionString);
        // Eight copies of each parcel: more than one page.
        await InventoryData.CopyParcelsAsync(database, 8);
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
