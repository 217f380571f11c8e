using LandInventory.Data.Places;
using LandInventory.GisApi.Editing;
using LandInventory.GisApi.OData;
using LandInventory.GisApi.Ogc;
using LandInventory.GisApi.Tiles;
using LandInventory.Import.Places;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData.Edm;
using static LandInventory.GisApi.Tiles.TileLayers;

namespace LandInventory.GisApi.Places;

/// <summary>
/// The places investors ask about — metro stations, expressway entrances, airports, the railway freight port,
/// hospitals, schools — as the API serves them: reference data an admin keeps (nothing patchable), by every protocol.
/// </summary>
public static class PlaceLayer
{
    public static InventoryLayer Descriptor { get; } = new(
        PlaceImport.Layer,
        new FeatureLayer<Place>(PlaceSchema.Layer, "Places nearby 周边设施",
            "Metro stations, expressway entrances, airports, the railway freight port, hospitals and schools investors ask to be near (illustrative locations).",
            p => p.Id, p => p.Location,
            p => new FeatureRow(p.Id, p.Location, new PlaceProperties(p.Id, p.Kind, p.NameZh, p.NameEn, p.UpdatedAt))),
        new TileLayer(PlaceSchema.Layer.Name, $"""
            SELECT ST_AsMVT(t, '{PlaceSchema.Layer.Name}', 4096, 'geom') FROM (
              SELECT ST_AsMVTGeom(ST_Transform(p.location, 3857), b.env, 4096, @buffer, true) AS geom,
                     p.id AS "id", p.kind::text AS "kind", p.name_zh AS "nameZh", p.name_en AS "nameEn"
              FROM places p, ({Envelope}) b
              WHERE p.location && b.search) t
            WHERE geom IS NOT NULL
            """,
            Fields(("id", "String"), ("kind", "String"), ("nameZh", "String"), ("nameEn", "String")), Detail()),
        new EditableLayer(PlaceImport.Layer, async (db, id, ct) => await db.Places.SingleOrDefaultAsync(p => p.Id == id, ct), PatchFields.None),
        new ODataSet(PlacesController.Set, builder =>
        {
            var places = builder.EntitySet<Place>(PlacesController.Set);
            places.EntityType.Name = "Place";
            places.EntityType.Namespace = InventoryModel.Namespace;
            places.EntityType.HasKey(p => p.Id);
            places.EntityType.Ignore(p => p.Location);
            places.EntityType.Ignore(p => p.CreatedAt);
            places.EntityType.Ignore(p => p.Version);
            places.EntityType.Property(p => p.UpdatedAt).IsConcurrencyToken();
            InventoryModel.Enums(builder, typeof(PlaceKind));
        }, model => InventoryModel.Geography<Place>(model, "Place", "location", p => p.Location, EdmPrimitiveTypeKind.GeographyPoint, false)));
}
