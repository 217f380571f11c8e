using System.Net;

namespace LandInventory.GisApi.Tests;

/// <summary>A few thousand generated malformed and hostile requests: every one is answered, none with a 5xx.</summary>
public sealed class HostileInputTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private static readonly string[] Paths =
    [
        "/ogc/collections/{c}/items", "/ogc/collections/{c}/items/{v}", "/ogc/collections/{c}", "/tiles/{c}/{n}/{n}/{n}.mvt",
        "/tiles/{c}.json", "/ogc/collections/{c}/items/{v}/{v}", "/ogc/{v}", "/health",
        "/search/nearest", "/search/within", "/search/here", "/search/statistics", "/search/{v}",
    ];

    private static readonly string[] Collections = ["parcels", "areas", "carriers", "buildings", "roads", "PARCELS", "..", "%00", "parcels;drop"];

    private static readonly string[] Parameters =
        ["bbox", "bbox-crs", "crs", "limit", "offset", "f", "filter", "sortby", "x", "layer", "lon", "lat", "count", "radius"];

    private static readonly string[] Values =
    [
        "1,2,3,4", "104,30,105,31", "-181,-91,181,91", "NaN,NaN,NaN,NaN", "1e308,1e308,1e309,1e309", "", ",,,", "1,2,3",
        "1,2,3,4,5,6", "' OR 1=1 --", "'; DROP TABLE land_parcels; --", "%27%3B", "0", "-1", "2147483648", "99999999999999999999",
        "1001", "abc", "\u0000", "😀", new string('9', 5000), "http://www.opengis.net/def/crs/EPSG/0/4544", "EPSG:4544", "gcj02",
        "3383000,424000,3390000,431000", "LQ04(252):2025-01", "parcels", "carriers", "104.27", "30.59", "-0", "1e-320", "Infinity",
        "status = 'available' AND", "S_INTERSECTS(geometry, POLYGON((", "A_CONTAINS(industries, (1,2))", "netSiteAreaSqm IN (1,'a')",
        "NOT NOT NOT status = 'available'", "S_DWITHIN(geometry, POINT(104 30), 1e308, meters)", "availableFrom > DATE('2025-13-45')",
        "code LIKE '%''; --'", "\"code\" = 'x'", "-netSiteAreaSqm,+code", "code,nameZh", "leaseTermYears = 70.5", "updatedAt > 1", "../../etc/passwd", "<script>", "json", "html", "null", "[]", "{}",
    ];

    [Fact]
    public async Task GeneratedHostileRequests_NeverGet5xx()
    {
        var failures = await HostileRun.RunAsync(api.Database.ConnectionString, 20250403, 3000, random =>
        {
            var path = Paths[random.Next(Paths.Length)]
                .Replace("{c}", Uri.EscapeDataString(Collections[random.Next(Collections.Length)]), StringComparison.Ordinal)
                .Replace("{v}", Uri.EscapeDataString(Values[random.Next(Values.Length)]), StringComparison.Ordinal)
                .Replace("{n}", random.Next(-3, 30).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            var query = string.Join('&', Enumerable.Range(0, random.Next(0, 4)).Select(_ =>
                $"{Parameters[random.Next(Parameters.Length)]}={Uri.EscapeDataString(Values[random.Next(Values.Length)])}"));
            return query.Length == 0 ? path : $"{path}?{query}";
        }, (status, _) => (int)status >= 500);

        Assert.Empty(failures);
    }
}
