namespace LandInventory.GisApi.Tiles;

/// <summary>
/// The four layers' tile queries (parameters <c>@z @x @y @tolerance @detailed @buffer</c>). Each selects with the GiST
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

    /// <summary>The tile, and the tile with its buffer in WGS84, where features are selected.</summary>
    private const string Envelope =
        "SELECT ST_TileEnvelope(@z, @x, @y) AS env, ST_Transform(ST_TileEnvelope(@z, @x, @y, margin => @buffer / 4096.0), 4326) AS search";

    public static IReadOnlyList<TileLayer> All { get; } =
    [
        new("areas", $"""
            SELECT ST_AsMVT(t, 'areas', 4096, 'geom') FROM (
              SELECT ST_AsMVTGeom(ST_Transform(ST_Simplify(a.boundary, @tolerance, true), 3857), b.env, 4096, @buffer, true) AS geom,
                     a.id AS "id", a.name_zh AS "nameZh", a.name_en AS "nameEn"
              FROM areas a, ({Envelope}) b
              WHERE a.boundary && b.search) t
            WHERE geom IS NOT NULL
            """,
            Fields(("id", "String"), ("nameZh", "String"), ("nameEn", "String")), Detail()),
        new("parcels", $"""
            SELECT ST_AsMVT(t, 'parcels', 4096, 'geom') FROM (
              SELECT ST_AsMVTGeom(ST_Transform(ST_Simplify(p.boundary, @tolerance, true), 3857), b.env, 4096, @buffer, true) AS geom,
                     p.code AS "code", p.area_id AS "areaId", p.land_use::text AS "landUse", p.status::text AS "status",
                     p.site_area_mu::float8 AS "siteAreaMu",
                     CASE WHEN @detailed THEN p.name_zh END AS "nameZh", CASE WHEN @detailed THEN p.name_en END AS "nameEn",
                     CASE WHEN @detailed THEN p.net_site_area_sqm::float8 END AS "netSiteAreaSqm",
                     CASE WHEN @detailed THEN p.starting_price::float8 END AS "startingPrice",
                     CASE WHEN @detailed THEN p.price_basis::text END AS "priceBasis"
              FROM land_parcels p, ({Envelope}) b
              WHERE p.boundary && b.search) t
            WHERE geom IS NOT NULL
            """,
            Fields(("code", "String"), ("nameZh", "String"), ("nameEn", "String"), ("areaId", "String"), ("landUse", "String"),
                ("status", "String"), ("netSiteAreaSqm", "Number"), ("siteAreaMu", "Number"), ("startingPrice", "Number"),
                ("priceBasis", "String")),
            Detail("nameZh", "nameEn", "netSiteAreaSqm", "startingPrice", "priceBasis")),
        new("carriers", $"""
            SELECT ST_AsMVT(t, 'carriers', 4096, 'geom') FROM (
              SELECT ST_AsMVTGeom(ST_Transform(c.location, 3857), b.env, 4096, @buffer, true) AS geom,
                     c.code AS "code", c.kind::text AS "kind", c.status::text AS "status",
                     array_to_string(c.industries::text[], ',') AS "industries", c.vacant_floor_area_sqm::float8 AS "vacantFloorAreaSqm",
                     CASE WHEN @detailed THEN c.name_zh END AS "nameZh", CASE WHEN @detailed THEN c.name_en END AS "nameEn",
                     CASE WHEN @detailed THEN c.total_floor_area_sqm::float8 END AS "totalFloorAreaSqm",
                     CASE WHEN @detailed THEN c.floor_height_m::float8 END AS "floorHeightM",
                     CASE WHEN @detailed THEN c.floor_load_kn_per_sqm::float8 END AS "floorLoadKnPerSqm",
                     CASE WHEN @detailed THEN c.power_capacity_kva::float8 END AS "powerCapacityKva",
                     CASE WHEN @detailed THEN c.rent_cny_per_sqm_month::float8 END AS "rentCnyPerSqmMonth"
              FROM industrial_carriers c, ({Envelope}) b
              WHERE c.location && b.search) t
            WHERE geom IS NOT NULL
            """,
            Fields(("code", "String"), ("nameZh", "String"), ("nameEn", "String"), ("kind", "String"), ("status", "String"),
                ("industries", "String"), ("vacantFloorAreaSqm", "Number"), ("totalFloorAreaSqm", "Number"), ("floorHeightM", "Number"),
                ("floorLoadKnPerSqm", "Number"), ("powerCapacityKva", "Number"), ("rentCnyPerSqmMonth", "Number")),
            Detail("nameZh", "nameEn", "totalFloorAreaSqm", "floorHeightM", "floorLoadKnPerSqm", "powerCapacityKva", "rentCnyPerSqmMonth")),
        new("buildings", $"""
            SELECT ST_AsMVT(t, 'buildings', 4096, 'geom') FROM (
              SELECT ST_AsMVTGeom(ST_Transform(ST_Simplify(g.footprint, @tolerance, true), 3857), b.env, 4096, @buffer, true) AS geom,
                     g.code AS "code", g.category::text AS "category", g.vacant_floor_area_sqm::float8 AS "vacantFloorAreaSqm",
                     CASE WHEN @detailed THEN g.name_zh END AS "nameZh", CASE WHEN @detailed THEN g.name_en END AS "nameEn",
                     CASE WHEN @detailed THEN g.gross_floor_area_sqm::float8 END AS "grossFloorAreaSqm",
                     CASE WHEN @detailed THEN g.rent_cny_per_sqm_month::float8 END AS "rentCnyPerSqmMonth"
              FROM buildings g, ({Envelope}) b
              WHERE g.footprint && b.search) t
            WHERE geom IS NOT NULL
            """,
            Fields(("code", "String"), ("nameZh", "String"), ("nameEn", "String"), ("category", "String"),
                ("vacantFloorAreaSqm", "Number"), ("grossFloorAreaSqm", "Number"), ("rentCnyPerSqmMonth", "Number")),
            Detail("nameZh", "nameEn", "grossFloorAreaSqm", "rentCnyPerSqmMonth")),
    ];

    public static TileLayer? Find(string id) => All.FirstOrDefault(l => l.Id == id);

    private static HashSet<string> Detail(params string[] names) => [.. names];

    private static Dictionary<string, string> Fields(params (string Name, string Type)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Type);
}
