namespace LandInventory.GisApi.Ogc;

/// <summary>The layers as OGC API – Features collections, in the order of <see cref="InventoryLayers.All"/>.</summary>
public static class FeatureLayers
{
    public static IReadOnlyList<IFeatureLayer> All { get; } = [.. InventoryLayers.All.Select(l => l.Features)];

    public static IFeatureLayer? Find(string id) => All.FirstOrDefault(c => c.Id == id);
}
