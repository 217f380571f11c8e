namespace LandInventory.GisApi.Tiles;

/// <summary>
/// The four layers' tile queries. Each selects with the GiST index (<c>&amp;&amp;</c> against the buffered tile in
/// WGS84), simplifies polygons to a pixel at that zoom, then clips and quantises with <c>ST_AsMVTGeom</c>.
/// </summary>
public static class TileLayers
{
    /// <summary>The buffer around a tile, in tile units (4096 across), that ST_AsMVTGeom keeps (the 64 in the queries): edges join without seams.</summary>
    public const int Buffer = 64;

    /// <summary>The tile, and the tile with its buffer in WGS84, where features are selected.</summary>
    private const string Envelope =
        "SELECT ST_TileEnvelope(@z, @x, @y) AS env, ST_Transform(ST_TileEnvelope(@z, @x, @y, margin => 64.0 / 4096), 4326) AS search";

    public static IReadOnlyList<TileLayer> All { get; } =
    [
        new("areas", $"""
            SELECT ST_AsMVT(t, 'areas', 4096, 'geom') FROM (
              SELECT ST_AsMVTGeom(ST_Transform(ST_SimplifyPreserveTopology(a.boundary, @tolerance), 3857), b.env, 4096, 64, true) AS geom,
                     a.id AS "id", a.name_zh AS "nameZh", a.name_en AS "nameEn"
              FROM areas a, ({Envelope}) b
              WHERE a.boundary && b.search) t
            WHERE geom IS NOT NULL
            """,
            Fields(("id", "String"), ("nameZh", "String"), ("nameEn", "String"))),
        new("parcels", $"""
            SELECT ST_AsMVT(t, 'parcels', 4096, 'geom') FROM (
              SELECT ST_AsMVTGeom(ST_Transform(ST_SimplifyPreserveTopology(p.boundary, @tolerance), 3857), b.env, 4096, 64, true) AS geom,
                     p.code AS "code", p.name_zh AS "nameZh", p.name_en AS "nameEn", p.area_id AS "areaId",
                     p.land_use::text AS "landUse", p.status::text AS "status", p.net_site_area_sqm::float8 AS "netSiteAreaSqm",
                     p.site_area_mu::float8 AS "siteAreaMu", p.starting_price::float8 AS "startingPrice", p.price_basis::text AS "priceBasis"
              FROM land_parcels p, ({Envelope}) b
              WHERE p.boundary && b.search) t
            WHERE geom IS NOT NULL
            """,
            Fields(("code", "String"), ("nameZh", "String"), ("nameEn", "String"), ("areaId", "String"), ("landUse", "String"),
                ("status", "String"), ("netSiteAreaSqm", "Number"), ("siteAreaMu", "Number"), ("startingPrice", "Number"),
                ("priceBasis", "String"))),
        new("carriers", $"""
            SELECT ST_AsMVT(t, 'carriers', 4096, 'geom') FROM (
              SELECT ST_AsMVTGeom(ST_Transform(c.location, 3857), b.env, 4096, 64, true) AS geom,
                     c.code AS "code", c.name_zh AS "nameZh", c.name_en AS "nameEn", c.kind::text AS "kind", c.status::text AS "status",
                     array_to_string(c.industries::text[], ',') AS "industries",
                     c.vacant_floor_area_sqm::float8 AS "vacantFloorAreaSqm", c.total_floor_area_sqm::float8 AS "totalFloorAreaSqm",
                     c.floor_height_m::float8 AS "floorHeightM", c.floor_load_kn_per_sqm::float8 AS "floorLoadKnPerSqm",
                     c.power_capacity_kva::float8 AS "powerCapacityKva", c.rent_cny_per_sqm_month::float8 AS "rentCnyPerSqmMonth"
              FROM industrial_carriers c, ({Envelope}) b
              WHERE c.location && b.search) t
            WHERE geom IS NOT NULL
            """,
            Fields(("code", "String"), ("nameZh", "String"), ("nameEn", "String"), ("kind", "String"), ("status", "String"),
                ("industries", "String"), ("vacantFloorAreaSqm", "Number"), ("totalFloorAreaSqm", "Number"), ("floorHeightM", "Number"),
                ("floorLoadKnPerSqm", "Number"), ("powerCapacityKva", "Number"), ("rentCnyPerSqmMonth", "Number"))),
        new("buildings", $"""
            SELECT ST_AsMVT(t, 'buildings', 4096, 'geom') FROM (
              SELECT ST_AsMVTGeom(ST_Transform(ST_SimplifyPreserveTopology(g.footprint, @tolerance), 3857), b.env, 4096, 64, true) AS geom,
                     g.code AS "code", g.name_zh AS "nameZh", g.name_en AS "nameEn", g.category::text AS "category",
                     g.vacant_floor_area_sqm::float8 AS "vacantFloorAreaSqm", g.gross_floor_area_sqm::float8 AS "grossFloorAreaSqm",
                     g.rent_cny_per_sqm_month::float8 AS "rentCnyPerSqmMonth"
              FROM buildings g, ({Envelope}) b
              WHERE g.footprint && b.search) t
            WHERE geom IS NOT NULL
            """,
            Fields(("code", "String"), ("nameZh", "String"), ("nameEn", "String"), ("category", "String"),
                ("vacantFloorAreaSqm", "Number"), ("grossFloorAreaSqm", "Number"), ("rentCnyPerSqmMonth", "Number"))),
    ];

    public static TileLayer? Find(string id) => All.FirstOrDefault(l => l.Id == id);

    private static Dictionary<string, string> Fields(params (string Name, string Type)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Type);
}
