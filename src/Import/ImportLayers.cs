using LandInventory.Import.Areas;
using LandInventory.Import.Buildings;
using LandInventory.Import.Carriers;
using LandInventory.Import.Parcels;
using LandInventory.Import.Places;

namespace LandInventory.Import;

/// <summary>The layers the pipeline imports, in the schema's order (<see cref="Data.Layers.All"/>: what others point to first).</summary>
public static class ImportLayers
{
    public static IReadOnlyList<ImportLayer> All { get; } = [AreaImport.Layer, ParcelImport.Layer, CarrierImport.Layer, BuildingImport.Layer, PlaceImport.Layer];

    /// <summary>The names, for messages: <c>areas, parcels, carriers or buildings</c>.</summary>
    public static string Names(string last = "or") =>
        $"{string.Join(", ", All.SkipLast(1).Select(l => l.Name))} {last} {All[^1].Name}";

    /// <summary>The layer of that name (any case), if any.</summary>
    public static ImportLayer? Find(string name) =>
        All.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Where a layer comes in a full import: what others point to first.</summary>
    public static int Order(ImportLayer layer) => All.ToList().IndexOf(layer);

    /// <summary>
    /// The layer a file is named after, if any: <c>parcels.geojson</c>, <c>parcels.geojsonl</c>, <c>parcels-2025.geojson</c>.
    /// </summary>
    public static ImportLayer? FromFileName(string path) => Find(Path.GetFileName(path).Split('.', '-', '_', ' ')[0]);
}
