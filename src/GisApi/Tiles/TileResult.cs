using LandInventory.GisApi.Http;

namespace LandInventory.GisApi.Tiles;

/// <summary>A Mapbox vector tile; a tile with no feature is 204 No Content, as map clients expect.</summary>
public sealed class TileResult(byte[] tile) : ICacheableResult
{
    public const string ContentType = "application/vnd.mapbox-vector-tile";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        if (tile.Length == 0)
        {
            httpContext.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        httpContext.Response.ContentType = ContentType;
        httpContext.Response.ContentLength = tile.Length;
        await httpContext.Response.Body.WriteAsync(tile, httpContext.RequestAborted);
    }
}
