using LandInventory.Data;
using LandInventory.Data.Buildings;
using LandInventory.Data.Carriers;
using LandInventory.GisApi.OData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Results;

namespace LandInventory.GisApi.Buildings;

/// <summary><c>/odata/Buildings</c>, with the navigation to the carrier a building stands in (routed by attribute).</summary>
public sealed class BuildingsController(InventoryDbContext db) : RecordsController<Building>(db, BuildingSchema.Layer.Name, b => b.Footprint)
{
    public const string Set = "Buildings";

    [HttpGet($"{ODataSetup.Prefix}/{Set}({{key}})/carrier")]
    [InventoryQuery]
    public SingleResult<IndustrialCarrier> GetCarrier(string key) =>
        SingleResult.Create(Records.Where(b => b.Code == key).Select(b => b.Carrier!));
}
