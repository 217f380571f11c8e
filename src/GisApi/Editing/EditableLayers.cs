using LandInventory.Data;
using LandInventory.Import;
using LandInventory.Import.Mapping;

namespace LandInventory.GisApi.Editing;

/// <summary>
/// A field a PATCH may change: read with the importer's <see cref="PropertyReader"/> (same types, ranges and messages)
/// and set on the tracked entity. JSON <c>null</c> clears an optional field (JSON Merge Patch).
/// </summary>
public delegate void PatchField(PropertyReader read, object entity);

/// <summary>
/// What the write endpoints need of a layer (each layer's is in its folder): its import layer (create and replace go
/// through the importer's checks), how to load one record for a PATCH or DELETE, and which fields a PATCH may change —
/// the day-to-day figures a bureau keeps current: status, price, vacancy, rent, dates, contact. Names, codes and
/// geometries change by replacing the feature (PUT) or importing.
/// </summary>
public sealed record EditableLayer(
    ImportLayer Import, Func<InventoryDbContext, string, CancellationToken, Task<object?>> Find,
    IReadOnlyDictionary<string, PatchField> Fields)
{
    public string Id => Import.Name;

    /// <summary>Locks one row for a replace and returns its version and steward (none for an unstewarded layer).</summary>
    public string LockSql { get; } =
        $"SELECT xmin::text::bigint, {(Import.Stewarded ? "steward_id" : "NULL::text")} FROM {Import.Schema.Table} "
        + $"WHERE {Import.Schema.Key} = @key FOR UPDATE";

    /// <summary>The bureau that stewards a record; none for areas, which only an admin edits.</summary>
    public static string? StewardOf(object entity) => (entity as InventoryRecord)?.StewardId;
}

/// <summary>The patchable fields layers share; each layer adds its own (<c>Parcels/ParcelLayer.cs</c> …).</summary>
public static class PatchFields
{
    public static IReadOnlyDictionary<string, PatchField> None { get; } = new Dictionary<string, PatchField>();

    /// <summary>A listed record's contact and the date a planner last confirmed it.</summary>
    public static Dictionary<string, PatchField> Record() => new()
    {
        ["contactName"] = (r, e) => ((InventoryRecord)e).ContactName = r.Text("contactName", required: false, 100),
        ["contactPhone"] = (r, e) => ((InventoryRecord)e).ContactPhone = r.Text("contactPhone", required: false, 40),
        ["verifiedOn"] = (r, e) => ((InventoryRecord)e).VerifiedOn = r.Date("verifiedOn", required: false),
    };

    /// <summary>A record with floor space: its vacancy, rent and availability too.</summary>
    public static Dictionary<string, PatchField> FloorSpace() => new(Record())
    {
        ["vacantFloorAreaSqm"] = (r, e) => ((IFloorSpace)e).VacantFloorAreaSqm = r.Number("vacantFloorAreaSqm", required: true) ?? 0,
        ["rentCnyPerSqmMonth"] = (r, e) => ((IFloorSpace)e).RentCnyPerSqmMonth = r.Number("rentCnyPerSqmMonth", required: false),
        ["availableFrom"] = (r, e) => ((IFloorSpace)e).AvailableFrom = r.Date("availableFrom", required: false),
    };
}
