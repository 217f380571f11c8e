namespace LandInventory.GisApi.Tiles;

/// <summary>
/// What every layer's tile query shares (each is in its layer's folder; parameters <c>@z @x @y @tolerance @detailed
/// @buffer</c>). Each selects with the GiST
/// index (<c>&amp;&amp;</c> against the buffered tile in WGS84), simplifies polygons to a pixel at that zoom
/// (Douglas-Peucker, keeping what would collapse: ST_AsMVTGeom snaps and repairs the result anyway, and GEOS's
/// topology-preserving variant cost a third of a dense tile), then clips and quantises with <c>ST_AsMVTGeom</c>. Below <see cref="DetailZoom"/> a layer's detail attributes are null,
/// which ST_AsMVT leaves out.
/// </summary>
public static class TileLayers
{
    /// <summary>
    /// The zoom from which tiles carry every attribute. Below it a tile may hold ten thousand parcels (the generated
    /// benchmark table, z14: 2 MB with names and figures, 0.7 MB without); names and figures are for reading one
    /// feature, which a map does zoomed in.
    /// </summary>
    public const int DetailZoom = 15;

    /// <summary>The buffer around a tile, in tile units (4096 across), that ST_AsMVTGeom keeps (<c>@buffer</c>): edges join without seams.</summary>
    public const int Buffer = 64;

    /// <summary>The tile, and the tile with its buffer in WGS84, where features are selected: each layer's query joins it as <c>b</c>.</summary>
    public const string Envelope =
        "SELECT ST_TileEnvelope(@z, @x, @y) AS env, ST_Transform(ST_TileEnvelope(@z, @x, @y, margin => @buffer / 4096.0), 4326) AS search";

    public static IReadOnlyList<TileLayer> All { get; } = [.. InventoryLayers.All.Select(l => l.Tiles)];

    public static TileLayer? Find(string id) => All.FirstOrDefault(l => l.Id == id);

    public static HashSet<string> Detail(params string[] names) => [.. names];

    public static Dictionary<string, string> Fields(params (string Name, string Type)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Type);
}
