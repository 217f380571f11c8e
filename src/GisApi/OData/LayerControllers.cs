using LandInventory.Data;
using LandInventory.Data.Areas;
using LandInventory.Data.Buildings;
using LandInventory.Data.Carriers;
using LandInventory.Data.Parcels;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace LandInventory.GisApi.OData;

// The controllers' names are OData's routing convention ({EntitySet}Controller); the navigation properties, camelCase
// in the model, are routed by attribute, which the convention's Get{NavigationProperty} naming cannot match.

public sealed class ParcelsController(InventoryDbContext db) : RecordsController<LandParcel>(db, "parcels", p => p.Boundary)
{
    [HttpGet("odata/Parcels({key})/area")]
    [InventoryQuery]
    public SingleResult<Area> GetArea(string key) =>
        SingleResult.Create(Records.Where(p => p.Code == key).Select(p => p.Area!));
}

public sealed class CarriersController(InventoryDbContext db) : RecordsController<IndustrialCarrier>(db, "carriers", c => c.Location)
{
    [HttpGet("odata/Carriers({key})/buildings")]
    [InventoryQuery]
    public IQueryable<Building> GetBuildings(string key) =>
        Db.Buildings.AsNoTracking().Where(b => b.Carrier!.Code == key);
}

public sealed class BuildingsController(InventoryDbContext db) : RecordsController<Building>(db, "buildings", b => b.Footprint)
{
    [HttpGet("odata/Buildings({key})/carrier")]
    [InventoryQuery]
    public SingleResult<IndustrialCarrier> GetCarrier(string key) =>
        SingleResult.Create(Records.Where(b => b.Code == key).Select(b => b.Carrier!));
}

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class AreasController(InventoryDbContext db) : ODataController
{
    [InventoryQuery]
    public IQueryable<Area> Get() => db.Areas.AsNoTracking();

    [InventoryQuery]
    public SingleResult<Area> Get(string key) => SingleResult.Create(db.Areas.AsNoTracking().Where(a => a.Id == key));

    [HttpGet("odata/Areas({key})/parcels")]
    [InventoryQuery]
    public IQueryable<LandParcel> GetParcels(string key) => db.LandParcels.AsNoTracking().Where(p => p.AreaId == key);
}
