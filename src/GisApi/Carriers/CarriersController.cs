using LandInventory.Data;
using LandInventory.Data.Buildings;
using LandInventory.Data.Carriers;
using LandInventory.GisApi.OData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LandInventory.GisApi.Carriers;

/// <summary><c>/odata/Carriers</c>, with the navigation to the buildings that stand in a carrier (routed by attribute).</summary>
public sealed class CarriersController(InventoryDbContext db)
    : RecordsController<IndustrialCarrier>(db, CarrierSchema.Layer.Name, c => c.Location)
{
    public const string Set = "Carriers";

    [HttpGet($"{ODataSetup.Prefix}/{Set}({{key}})/buildings")]
    [InventoryQuery]
    public IQueryable<Building> GetBuildings(string key) =>
        Db.Buildings.AsNoTracking().Where(b => b.Carrier!.Code == key);
}
