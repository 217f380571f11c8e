using LandInventory.Data.Areas;
using LandInventory.GisApi.Editing;
using LandInventory.GisApi.OData;
using LandInventory.GisApi.Ogc;
using LandInventory.GisApi.Tiles;
using LandInventory.Import.Areas;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData.Edm;
using static LandInventory.GisApi.Tiles.TileLayers;

namespace LandInventory.GisApi.Areas;

/// <summary>
/// The three supply areas, as the API serves them: nothing in them may be patched (an admin replaces or imports them),
/// and they are what the statistics group by rather than a figure of their own.
/// </summary>
public static class AreaLayer
{
    public static InventoryLayer Descriptor { get; } = new(
        AreaImport.Layer,
        new FeatureLayer<Area>(AreaSchema.Layer, "Supply areas 供地片区",
            "The three areas of the land-supply list: 大面东洪 Damian-Donghong, 十陵 Shiling, 东安湖活力城 Dong'an Lake Vitality City.",
            a => a.Id, a => a.Boundary,
            a => new FeatureRow(a.Id, a.Boundary, new AreaProperties(a.Id, a.NameZh, a.NameEn, a.UpdatedAt))),
        new TileLayer(AreaSchema.Layer.Name, $"""
            SELECT ST_AsMVT(t, '{AreaSchema.Layer.Name}', 4096, 'geom') FROM (
              SELECT ST_AsMVTGeom(ST_Transform(ST_Simplify(a.boundary, @tolerance, true), 3857), b.env, 4096, @buffer, true) AS geom,
                     a.id AS "id", a.name_zh AS "nameZh", a.name_en AS "nameEn"
              FROM areas a, ({Envelope}) b
              WHERE a.boundary && b.search) t
            WHERE geom IS NOT NULL
            """,
            Fields(("id", "String"), ("nameZh", "String"), ("nameEn", "String")), Detail()),
        new EditableLayer(AreaImport.Layer, async (db, id, ct) => await db.Areas.SingleOrDefaultAsync(a => a.Id == id, ct), PatchFields.None),
        new ODataSet(AreasController.Set, builder =>
        {
            var areas = builder.EntitySet<Area>(AreasController.Set);
            areas.EntityType.Name = "Area";
            areas.EntityType.Namespace = InventoryModel.Namespace;
            areas.EntityType.HasKey(a => a.Id);
            areas.EntityType.Ignore(a => a.Boundary);
            areas.EntityType.Ignore(a => a.CreatedAt);
            areas.EntityType.Ignore(a => a.Version);
            areas.EntityType.Property(a => a.UpdatedAt).IsConcurrencyToken();
        }, model => InventoryModel.Geography<Area>(model, "Area", "boundary", a => a.Boundary, EdmPrimitiveTypeKind.GeographyMultiPolygon, false)));
}
