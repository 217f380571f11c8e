using LandInventory.Data;
using LandInventory.Data.Areas;
using LandInventory.Data.Parcels;
using LandInventory.GisApi.OData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Results;

namespace LandInventory.GisApi.Parcels;

/// <summary>
/// <c>/odata/Parcels</c>: OData routes a set to <c>{EntitySet}Controller</c>; the navigation to the parcel's area, camelCase
/// in the model, is routed by attribute, which the convention's <c>Get{NavigationProperty}</c> naming cannot match.
/// </summary>
public sealed class ParcelsController(InventoryDbContext db) : RecordsController<LandParcel>(db, ParcelSchema.Layer.Name, p => p.Boundary)
{
    public const string Set = "Parcels";

    [HttpGet($"{ODataSetup.Prefix}/{Set}({{key}})/area")]
    [InventoryQuery]
    public SingleResult<Area> GetArea(string key) =>
        SingleResult.Create(Records.Where(p => p.Code == key).Select(p => p.Area!));
}
