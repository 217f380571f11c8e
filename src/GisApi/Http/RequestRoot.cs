namespace LandInventory.GisApi.Http;

public static class RequestRoot
{
    /// <summary>
    /// The service's address as this request reached it (scheme, host, path base; Http/ makes them the public base URL's
    /// when one is configured), for absolute links: <c>https://gis.example.gov.cn/inventory</c>.
    /// </summary>
    public static string Root(this HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
