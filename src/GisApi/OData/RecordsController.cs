using System.Globalization;
using System.Linq.Expressions;
using LandInventory.Data;
using LandInventory.Data.Spatial;
using LandInventory.GisApi.Ogc;
using LandInventory.GisApi.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData;
using NetTopologySuite.Geometries;

namespace LandInventory.GisApi.OData;

/// <summary>
/// What the three listed layers answer alike: the entity set, one entity by code, and the bound functions
/// <c>InArea(areaId)</c>, <c>Nearest(lon, lat, count)</c> and <c>AsOf(time)</c>. Query options are applied by <see cref="InventoryQueryAttribute"/>
/// to the queryables returned here, so they become SQL.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
public abstract class RecordsController<T>(InventoryDbContext db, string layerId, Expression<Func<T, Geometry>> geometry)
    : ODataController
    where T : InventoryRecord
{
    protected InventoryDbContext Db => db;

    protected IQueryable<T> Records => db.Set<T>().AsNoTracking();

    [InventoryQuery]
    public IQueryable<T> Get() => Records;

    [InventoryQuery]
    public SingleResult<T> Get(string key) => SingleResult.Create(Records.Where(r => r.Code == key));

    [HttpGet]
    [InventoryQuery]
    public async Task<IActionResult> InArea([FromODataUri] string areaId, CancellationToken ct)
    {
        var boundary = await db.Areas.Where(a => a.Id == areaId).Select(a => a.Boundary).FirstOrDefaultAsync(ct);
        if (boundary is null)
        {
            return NotFound(ODataErrors.Of("NotFound", $"areaId: there is no area '{areaId}'"));
        }

        return Ok(Records.Where(ExpressionBinder.Bind(r => r.Code, geometry, (string _, Geometry g) => g.CoveredBy(boundary))));
    }

    /// <summary>The set as it was at <paramref name="time"/>, rebuilt from the feature history; every query option applies.</summary>
    [HttpGet]
    [InventoryQuery]
    public IQueryable<T> AsOf([FromODataUri] DateTimeOffset time) => Data.History.AsOf.Table<T>(db, time).AsNoTracking();

    /// <summary>The site's nearest place of every kind with its distance on the spheroid: <c>Parcels('…')/NearestPlaces()</c>.</summary>
    [HttpGet]
    public async Task<IActionResult> NearestPlaces([FromODataUri] string key, CancellationToken ct)
    {
        if (!await Records.AnyAsync(r => r.Code == key, ct))
        {
            return NotFound(ODataErrors.Of("NotFound", $"there is no {layerId} feature '{key}'"));
        }

        var places = await Places.NearestPlaces.ForAsync(db, layerId, [key], ct);
        return Ok(places[key].OrderBy(p => p.Kind, StringComparer.Ordinal).ToList());
    }

    [HttpGet]
    [InventoryQuery(EnsureStableOrdering = false)] // nearest first is the order; the stable key order would replace it
    public async Task<IActionResult> Nearest([FromODataUri] double lon, [FromODataUri] double lat, [FromODataUri] int count,
        CancellationToken ct)
    {
        if (!double.IsFinite(lon) || !double.IsFinite(lat) || lon is < -180 or > 180 || lat is < -90 or > 90)
        {
            return BadRequest(ODataErrors.Of("BadRequest", string.Create(CultureInfo.InvariantCulture,
                $"lon, lat: {lon}, {lat} must be a WGS84 longitude (-180..180) and latitude (-90..90)")));
        }

        if (count is < 1 or > SearchEndpoints.MaxCount)
        {
            return BadRequest(ODataErrors.Of("BadRequest", $"count: {count} must be from 1 to {SearchEndpoints.MaxCount}"));
        }

        var point = Geo.Factory.CreatePoint(new Coordinate(lon, lat));
        var layer = (FeatureLayer<T>)FeatureLayers.Find(layerId)!;
        var keys = (await layer.NearestKeysAsync(db, point, count, ct)).Select(r => r.Key).ToList();
        return Ok(Records.Where(r => keys.Contains(r.Code))
            .OrderBy(ExpressionBinder.Bind(r => r.Code, geometry, (string _, Geometry g) => EF.Functions.Distance(g, point, true)))
            .ThenBy(r => r.Code));
    }
}

public static class ODataErrors
{
    public static ODataError Of(string code, string message) => new() { Code = code, Message = message };
}
