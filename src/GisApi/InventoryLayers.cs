using LandInventory.GisApi.Areas;
using LandInventory.GisApi.Buildings;
using LandInventory.GisApi.Carriers;
using LandInventory.GisApi.Parcels;
using LandInventory.GisApi.Places;

namespace LandInventory.GisApi;

/// <summary>
/// The layers the API serves, in the schema's order (<see cref="Data.Layers.All"/>). Adding a layer adds its descriptor
/// here; <c>LayerDescriptorTests</c> checks this list against the import library's, the schema's and the database's.
/// </summary>
public static class InventoryLayers
{
    public static IReadOnlyList<InventoryLayer> All { get; } =
        [AreaLayer.Descriptor, ParcelLayer.Descriptor, CarrierLayer.Descriptor, BuildingLayer.Descriptor, PlaceLayer.Descriptor];

    public static InventoryLayer? Find(string id) => All.FirstOrDefault(l => l.Id == id);

    public static InventoryLayer? OfTable(string table) => All.FirstOrDefault(l => l.Schema.Table == table);

    /// <summary>The names, for messages: <c>areas, parcels, carriers, buildings</c>.</summary>
    public static string Names => string.Join(", ", All.Select(l => l.Id));
}
