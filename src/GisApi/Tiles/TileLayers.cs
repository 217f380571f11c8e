namespace LandInventory.GisApi.Tiles;

/// <summary>
/// What every layer's tile query shares (each is in its layer's folder; parameters <c>@z @x @y @tolerance @detailed
/// @buffer</c>, and an overview's <c>@dense @cell</c>). Each selects with the GiST
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

    /// <summary>
    /// Below this zoom a dense tile is drawn as an overview (<see cref="Overview"/>): over a million generated parcels a
    /// z11 tile was 15 MB and 3.3 s (issue 20), more than a map can draw and far more than it can show. From this zoom
    /// on, a tile is a few kilometres across and its features are drawn as they are.
    /// </summary>
    public const int OverviewZoom = 13;

    /// <summary>A low-zoom tile with at least this many features is an overview; the zone's inventory never is.</summary>
    public const int DenseFeatures = 2000;

    /// <summary>An overview cell's side in tile units (4096 across): 64 × 64 cells at most, each 8 pixels of a 512-pixel tile.</summary>
    public const int CellUnits = 64;

    /// <summary>The tile, and the tile with its buffer in WGS84, where features are selected: each layer's query joins it as <c>b</c>.</summary>
    public const string Envelope =
        "SELECT ST_TileEnvelope(@z, @x, @y) AS env, ST_Transform(ST_TileEnvelope(@z, @x, @y, margin => @buffer / 4096.0), 4326) AS search";

    /// <summary>
    /// A dense tile's overview over <paramref name="table"/>'s <paramref name="geometry"/>: one square per grid cell of
    /// <see cref="CellUnits"/>, holding <c>count</c> — the features whose centre lies in it — and <paramref name="figures"/>,
    /// aggregates over the features as <c>f</c> (e.g. <c>sum(f.site_area_mu)::float8 AS "siteAreaMu"</c>) named as
    /// <paramref name="fields"/>. A feature's centre is its bounding box's, projected by the Web Mercator formula: read
    /// from the box the geometry carries, it costs no polygon parsing, where ST_Centroid and ST_Transform per row made a
    /// z11 tile of 270 000 parcels exceed 15 s (now 1.3 s). The squares are made per cell, after grouping, so ST_AsMVTGeom
    /// runs once a cell. A cell in the buffer is kept, so neighbouring overviews join; a centre outside it belongs to
    /// the next tile.
    /// </summary>
    public static TileOverview Overview(string layer, string table, string geometry, string figures, Dictionary<string, string> fields)
    {
        var columns = string.Join(", ", fields.Keys.Prepend("count").Select(k => $"c.\"{k}\""));
        return new(
            $"SELECT count(*)::int FROM (SELECT 1 FROM {table} f, ({Envelope}) b WHERE f.{geometry} && b.search LIMIT @dense) c",
            $"""
            WITH b AS (SELECT e.env, e.search, (ST_XMax(e.env) - ST_XMin(e.env)) * @cell / 4096.0 AS cell FROM ({Envelope}) e)
            SELECT ST_AsMVT(t, '{layer}', 4096, 'geom') FROM (
              SELECT ST_AsMVTGeom(ST_MakeEnvelope(ST_XMin(b.env) + c.i * b.cell, ST_YMin(b.env) + c.j * b.cell,
                                                  ST_XMin(b.env) + (c.i + 1) * b.cell, ST_YMin(b.env) + (c.j + 1) * b.cell, 3857),
                                  b.env, 4096, @buffer, true) AS geom,
                     {columns}
              FROM b, (SELECT f.i, f.j, count(*)::int AS "count", {figures}
                       FROM (SELECT f.*,
                                    floor((6378137 * radians((ST_XMin(f.{geometry}) + ST_XMax(f.{geometry})) / 2) - ST_XMin(b.env)) / b.cell)::int AS i,
                                    floor((6378137 * ln(tan(pi() / 4 + radians((ST_YMin(f.{geometry}) + ST_YMax(f.{geometry})) / 4)))
                                           - ST_YMin(b.env)) / b.cell)::int AS j
                             FROM {table} f, b WHERE f.{geometry} && b.search) f
                       GROUP BY f.i, f.j) c) t
            WHERE geom IS NOT NULL
            """,
            new Dictionary<string, string>(fields) { ["count"] = "Number" });
    }

    public static IReadOnlyList<TileLayer> All { get; } = [.. InventoryLayers.All.Select(l => l.Tiles)];

    public static TileLayer? Find(string id) => All.FirstOrDefault(l => l.Id == id);

    public static HashSet<string> Detail(params string[] names) => [.. names];

    public static Dictionary<string, string> Fields(params (string Name, string Type)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Type);
}
