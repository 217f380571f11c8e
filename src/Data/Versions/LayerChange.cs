namespace LandInventory.Data.Versions;

/// <summary>
/// Where one version of a layer changed it: the bounding box (WGS84) of every boundary the statement that raised the
/// version wrote or removed, old and new. Written by the database with the version (<see cref="LayerVersionTriggers"/>);
/// a box of nulls means "anywhere" (a TRUNCATE). Answers about a place — a bbox page, a tile — change only when a change
/// touched that place, so caches keep the rest of the layer across an edit.
/// </summary>
public class LayerChange
{
    public required string Layer { get; set; }

    /// <summary>The layer's version this change raised it to: per layer, one per changing statement, in commit order.</summary>
    public long Version { get; set; }

    public double? MinX { get; set; }

    public double? MinY { get; set; }

    public double? MaxX { get; set; }

    public double? MaxY { get; set; }
}
