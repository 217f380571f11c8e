namespace LandInventory.Import.Writing;

/// <summary>What one layer's import did.</summary>
public sealed record LayerCounts(Layer Layer, int Read, int Inserted, int Updated, int Unchanged);
