namespace LandInventory.Import;

/// <summary>The four layers, in the order a folder is imported: what others point to comes first.</summary>
public enum Layer
{
    Areas,
    Parcels,
    Carriers,
    Buildings,
}

public static class Layers
{
    public static string Name(this Layer layer) => layer.ToString().ToLowerInvariant();

    /// <summary>The layer of that name (any case), if any.</summary>
    public static Layer? Parse(string name) =>
        Enum.GetValues<Layer>().Cast<Layer?>()
            .FirstOrDefault(l => string.Equals(l!.Value.Name(), name, StringComparison.OrdinalIgnoreCase));

    /// <summary>File endings read as GeoJSON: collections, single features, and feature sequences.</summary>
    public static bool IsGeoJsonFile(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".geojson" or ".json" or ".geojsonl" or ".geojsons" or ".ndjson" or ".jsonl";

    /// <summary>
    /// The layer a file is named after, if any: <c>parcels.geojson</c>, <c>parcels.geojsonl</c>, <c>parcels-2025.geojson</c>.
    /// </summary>
    public static Layer? FromFileName(string path) => Parse(Path.GetFileName(path).Split('.', '-', '_', ' ')[0]);
}
