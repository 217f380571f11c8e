using LandInventory.Data.Areas;
using LandInventory.Data.Buildings;
using LandInventory.Data.Carriers;
using LandInventory.Data.Parcels;
using LandInventory.Data.Places;

namespace LandInventory.Data;

/// <summary>
/// The layers of the inventory, in dependency order (what others point to first: a folder is imported in this order).
/// The one list of the schema's layers: the import library's and the API's lists follow it, and the tests check all
/// three against each other and against the database's tables, triggers and indexes.
/// </summary>
public static class Layers
{
    public static IReadOnlyList<Layer> All { get; } = [AreaSchema.Layer, ParcelSchema.Layer, CarrierSchema.Layer, BuildingSchema.Layer, PlaceSchema.Layer];

    /// <summary>The layer of that name (any case), if any.</summary>
    public static Layer? Find(string name) =>
        All.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));

    public static Layer? OfTable(string table) => All.FirstOrDefault(l => l.Table == table);
}
