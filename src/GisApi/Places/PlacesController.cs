using LandInventory.Data;
using LandInventory.Data.Places;
using LandInventory.GisApi.OData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace LandInventory.GisApi.Places;

/// <summary><c>/odata/Places</c>: the places investors ask about (reference data like the areas: keyed by id).</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class PlacesController(InventoryDbContext db) : ODataController
{
    public const string Set = "Places";

    [InventoryQuery]
    public IQueryable<Place> Get() => db.Places.AsNoTracking();

    [InventoryQuery]
    public SingleResult<Place> Get(string key) => SingleResult.Create(db.Places.AsNoTracking().Where(p => p.Id == key));
}
