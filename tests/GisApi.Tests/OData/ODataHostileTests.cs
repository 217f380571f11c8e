using System.Net;
using System.Text.Json;

namespace LandInventory.GisApi.Tests.OData;

/// <summary>
/// A few thousand generated malformed and hostile OData queries over a real socket: each is answered, none with a
/// 5xx, every refusal an OData error body without a stack trace; and the tables are still all there afterwards.
/// </summary>
public sealed class ODataHostileTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private static readonly string[] Paths =
    [
        "/odata/Parcels", "/odata/Carriers", "/odata/Buildings", "/odata/Areas", "/odata/Parcels('{v}')", "/odata/Areas('{v}')/parcels",
        "/odata/Parcels/InArea(areaId='{v}')", "/odata/Carriers/Nearest(lon={v},lat=30.59,count=3)", "/odata/$metadata", "/odata/{v}",
    ];

    private static readonly string[] Options = ["$filter", "$orderby", "$select", "$expand", "$top", "$skip", "$count", "$search", "$apply", "$compute", "$format", "$skiptoken"];

    private static readonly string[] Values =
    [
        "status eq 'available'", "status eq 'nonsense'", "netSiteAreaSqm div 0 gt 1", "netSiteAreaSqm mod 0 eq 1", "code eq 1",
        "' or 1 eq 1 --", "'; DROP TABLE land_parcels; --", "code eq ''';DROP TABLE land_parcels;--'", "nameEn eq '\\'", "foo eq 1",
        "geo.distance(boundary, geography'SRID=4326;POINT(104.27 30.59)') lt 3000", "geo.distance(location, geography'SRID=4326;POINT(1e308 1e308)') lt 1",
        "geo.intersects(boundary, geography'SRID=4326;POLYGON((0 0,1 1,1 0,0 1,0 0))')", "geo.intersects(boundary, geography'SRID=99999;POINT(1 1)')",
        "geo.intersects(boundary, geography'SRID=4326;POLYGON((0 0))')", "geo.intersects(boundary, geography'SRID=4326;POINT EMPTY')",
        "geo.length(boundary) gt 1", "geo.distance(nameEn, nameZh) lt 1", "geo.intersects(boundary)", "geography'SRID=4326;POINT(1 1)'",
        "substring(nameEn, 100000000) eq 'x'", "substring(nameEn, -5) eq 'x'", "indexof(nameEn, '') gt -1", "length(nameEn) div 0 gt 1",
        "availableFrom gt 2025-13-45", "updatedAt gt 9999-12-31T23:59:59Z", "cast(code, Edm.Int32) gt 1", "isof(LandInventory.Parcel)",
        "industries/any(i: i/any(j: j eq 1))", "area/parcels/any(p: p/area/parcels/any(q: q/code eq 'x'))", "now() gt 1", "-",
        "code,boundary", "area($expand=parcels($expand=area($expand=parcels)))", "parcels($top=5000)", "buildings($filter=foo eq 1)",
        "groupby((areaId),aggregate(netSiteAreaSqm with sum as s))", "groupby((boundary))", "aggregate(boundary with sum as x)",
        "filter(geo.intersects(boundary, geography'SRID=4326;POINT(104.25 30.58)'))/aggregate($count as n)", "geo.distance(location, geography'SRID=4326;POINT(104.27 30.59)') as d",
        "0", "-1", "1001", "2147483648", "99999999999999999999", "true", "json", "xml", "abc", "", "(", ")", "((((((((((((", "\u0000", "😀", "洪河",
        "\"unterminated", "NOT", "a AND OR b", new string('x', 4000), "shiling", "104.27", "NaN", "INF", "null",
        string.Join(" or ", Enumerable.Repeat("code eq 'x'", 120)),
    ];

    [Fact]
    public async Task GeneratedHostileQueries_NeverGet5xx()
    {
        var failures = await HostileRun.RunAsync(api.Database.ConnectionString, 20261127, 2500, random =>
        {
            var path = Paths[random.Next(Paths.Length)]
                .Replace("{v}", Uri.EscapeDataString(Values[random.Next(Values.Length)].Replace("'", "''", StringComparison.Ordinal)), StringComparison.Ordinal);
            var query = string.Join('&', Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
                $"{Options[random.Next(Options.Length)]}={Uri.EscapeDataString(Values[random.Next(Values.Length)])}"));
            return $"{path}?{query}";
        },
        // An empty 400 is Kestrel refusing the request line (a NUL in the path) before the application sees it.
        (status, body) => (int)status >= 500 || (status == HttpStatusCode.BadRequest && body.Length > 0 && !IsODataError(body)));

        Assert.True(failures.Count == 0, $"{failures.Count} bad answers, e.g.\n{string.Join('\n', failures.Take(10))}");
        Assert.Equal(21L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM land_parcels"));
    }

    private static bool IsODataError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.GetProperty("error").TryGetProperty("message", out _)
                && !json.RootElement.GetProperty("error").TryGetProperty("innererror", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
