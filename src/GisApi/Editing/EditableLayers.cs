using LandInventory.Data;
using LandInventory.Data.Areas;
using LandInventory.Data.Buildings;
using LandInventory.Data.Carriers;
using LandInventory.Data.Parcels;
using LandInventory.Import;
using LandInventory.Import.Mapping;
using Microsoft.EntityFrameworkCore;

namespace LandInventory.GisApi.Editing;

/// <summary>
/// A field a PATCH may change: read with the importer's <see cref="PropertyReader"/> (same types, ranges and messages)
/// and set on the tracked entity. JSON <c>null</c> clears an optional field (JSON Merge Patch).
/// </summary>
public delegate void PatchField(PropertyReader read, object entity);

/// <summary>
/// What the write endpoints need of a layer: its importer layer (create and replace go through the importer's checks),
/// how to load one record for a PATCH or DELETE, and which fields a PATCH may change — the day-to-day figures a bureau
/// keeps current: status, price, vacancy, rent, dates, contact. Names, codes and geometries change by replacing the
/// feature (PUT) or importing. <c>LockSql</c> locks one row for a replace and returns its version and steward.
/// </summary>
public sealed record EditableLayer(
    string Id, Layer ImportLayer, string LockSql, Func<InventoryDbContext, string, CancellationToken, Task<object?>> Find,
    IReadOnlyDictionary<string, PatchField> Fields)
{
    /// <summary>The bureau that stewards a record; none for areas, which only an admin edits.</summary>
    public static string? StewardOf(object entity) => (entity as InventoryRecord)?.StewardId;
}

public static class EditableLayers
{
    private static readonly Dictionary<string, PatchField> Common = new()
    {
        ["contactName"] = (r, e) => ((InventoryRecord)e).ContactName = r.Text("contactName", required: false, 100),
        ["contactPhone"] = (r, e) => ((InventoryRecord)e).ContactPhone = r.Text("contactPhone", required: false, 40),
        ["verifiedOn"] = (r, e) => ((InventoryRecord)e).VerifiedOn = r.Date("verifiedOn", required: false),
    };

    private static readonly Dictionary<string, PatchField> FloorSpace = new(Common)
    {
        ["vacantFloorAreaSqm"] = (r, e) => ((IFloorSpace)e).VacantFloorAreaSqm = r.Number("vacantFloorAreaSqm", required: true) ?? 0,
        ["rentCnyPerSqmMonth"] = (r, e) => ((IFloorSpace)e).RentCnyPerSqmMonth = r.Number("rentCnyPerSqmMonth", required: false),
        ["availableFrom"] = (r, e) => ((IFloorSpace)e).AvailableFrom = r.Date("availableFrom", required: false),
    };

    public static IReadOnlyList<EditableLayer> All { get; } =
    [
        new("areas", Layer.Areas, "SELECT xmin::text::bigint, NULL::text FROM areas WHERE id = @key FOR UPDATE", async (db, id, ct) => await db.Areas.SingleOrDefaultAsync(a => a.Id == id, ct),
            new Dictionary<string, PatchField>()),
        new("parcels", Layer.Parcels, "SELECT xmin::text::bigint, steward_id FROM land_parcels WHERE code = @key FOR UPDATE", async (db, code, ct) => await db.LandParcels.SingleOrDefaultAsync(p => p.Code == code, ct),
            new Dictionary<string, PatchField>(Common)
            {
                ["status"] = (r, e) => ((LandParcel)e).Status = r.Enum<ParcelStatus>("status", required: true) ?? ((LandParcel)e).Status,
                ["startingPrice"] = (r, e) => ((LandParcel)e).StartingPrice = r.Number("startingPrice", required: false),
                ["priceBasis"] = (r, e) => ((LandParcel)e).PriceBasis = r.Enum<PriceBasis>("priceBasis", required: false),
                ["depositWanYuan"] = (r, e) => ((LandParcel)e).DepositWanYuan = r.Number("depositWanYuan", required: false),
                ["availableFrom"] = (r, e) => ((LandParcel)e).AvailableFrom = r.Date("availableFrom", required: false),
            }),
        new("carriers", Layer.Carriers, "SELECT xmin::text::bigint, steward_id FROM industrial_carriers WHERE code = @key FOR UPDATE", async (db, code, ct) => await db.IndustrialCarriers.SingleOrDefaultAsync(c => c.Code == code, ct),
            new Dictionary<string, PatchField>(FloorSpace)
            {
                ["status"] = (r, e) => ((IndustrialCarrier)e).Status = r.Enum<CarrierStatus>("status", required: true) ?? ((IndustrialCarrier)e).Status,
            }),
        new("buildings", Layer.Buildings, "SELECT xmin::text::bigint, steward_id FROM buildings WHERE code = @key FOR UPDATE", async (db, code, ct) => await db.Buildings.SingleOrDefaultAsync(b => b.Code == code, ct),
            FloorSpace),
    ];

    public static EditableLayer? Find(string id) => All.FirstOrDefault(l => l.Id == id);
}
