namespace LandInventory.Data;

/// <summary>
/// A layer as the schema has it, with the name the importer and the API know it by (<see cref="Name"/>: the OGC
/// collection, the tile layer, the import's <c>--layer</c>): its table, the key its features are known by (code; id for
/// areas), the geometry column the database's own machinery follows (history, layer changes, as-of), and its entity. One
/// per layer, in the layer's folder; <see cref="Layers.All"/> lists them, in the order a full import takes them.
/// </summary>
public sealed record Layer(string Name, string Table, string Key, string Geometry, Type Entity);
