namespace LandInventory.GisApi.Tiles;

/// <summary>
/// A layer as vector tiles: the SQL that cuts one tile (PostGIS <c>ST_AsMVT</c>; parameters in <see cref="TileLayers"/>)
/// and the attributes it carries, which TileJSON announces. Attributes are a subset chosen for drawing and filtering on
/// the map; <see cref="DetailFields"/> only from <see cref="TileLayers.DetailZoom"/>, where a tile holds few
/// enough features to carry them. The full record is one OGC item request away. A layer that can be dense (thousands
/// of features in one low-zoom tile) has an <see cref="Overview"/>.
/// </summary>
public sealed record TileLayer(string Id, string Sql, IReadOnlyDictionary<string, string> Fields, IReadOnlySet<string> DetailFields)
{
    public TileOverview? Overview { get; init; }
}

/// <summary>
/// How a dense low-zoom tile is drawn instead (<see cref="TileLayers.Overview"/>): <see cref="Dense"/> counts the tile's
/// features no further than <c>@dense</c>; when it reaches it, <see cref="Sql"/> cuts a tile of grid cells, each with
/// the count of the features whose centre lies in it and the layer's <see cref="Fields"/> aggregated over them.
/// </summary>
public sealed record TileOverview(string Dense, string Sql, IReadOnlyDictionary<string, string> Fields);
