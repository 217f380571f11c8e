using LandInventory.Data;
using LandInventory.Data.Areas;
using LandInventory.Data.Parcels;
using LandInventory.GisApi.OData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace LandInventory.GisApi.Areas;

/// <summary><c>/odata/Areas</c>: the supply areas (not listed records: keyed by id, no bound functions), and their parcels.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class AreasController(InventoryDbContext db) : ODataController
{
    public const string Set = "Areas";

    [InventoryQuery]
    public IQueryable<Area> Get() => db.Areas.AsNoTracking();

    [InventoryQuery]
    public SingleResult<Area> Get(string key) => SingleResult.Create(db.Areas.AsNoTracking().Where(a => a.Id == key));

    [HttpGet($"{ODataSetup.Prefix}/{Set}({{key}})/parcels")]
    [InventoryQuery]
    public IQueryable<LandParcel> GetParcels(string key) => db.LandParcels.AsNoTracking().Where(p => p.AreaId == key);
}
