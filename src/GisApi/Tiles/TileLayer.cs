namespace LandInventory.GisApi.Tiles;

/// <summary>
/// A layer as vector tiles: the SQL that cuts one tile (PostGIS <c>ST_AsMVT</c>; parameters in <see cref="TileLayers"/>)
/// and the attributes it carries, which TileJSON announces. Attributes are a subset chosen for drawing and filtering on
/// the map; <see cref="DetailFields"/> only from <see cref="TileLayers.DetailZoom"/>, where a tile holds few
/// enough features to carry them. The full record is one OGC item request away.
/// </summary>
public sealed record TileLayer(string Id, string Sql, IReadOnlyDictionary<string, string> Fields, IReadOnlySet<string> DetailFields);
