using LandInventory.Data.Carriers;
using LandInventory.Data.Buildings;
using LandInventory.Import.Mapping;
using LandInventory.Import.Writing;
using NetTopologySuite.Geometries;
using static LandInventory.Import.Writing.Columns;

namespace LandInventory.Import.Buildings;

/// <summary>
/// The buildings with vacant space as imported: a footprint, floors and floor space, and the carrier they stand in,
/// named by code and resolved to its id when merged (the carrier may come earlier in the same import).
/// </summary>
public static class BuildingImport
{
    /// <summary>The carriers' table, which buildings point to (a layer names another's tables through its schema).</summary>
    private static readonly string Carriers = CarrierSchema.Layer.Table;

    private static readonly LayerTable<ImportedBuilding> Table = new(BuildingSchema.Layer,
    [
        .. Record<ImportedBuilding>(),
        .. FloorSpace<ImportedBuilding>(),
        Text<ImportedBuilding>("carrier_id", "carrierCode", b => b.CarrierCode) with
        {
            StageName = "carrier_code",
            Source = $"(SELECT c.id FROM {Carriers} c WHERE c.code = s.carrier_code)",
            Stored = $"(SELECT c.code FROM {Carriers} c WHERE c.id = r.carrier_id)",
        },
        Enum<ImportedBuilding>("category", "category", b => b.Category).CastTo("building_category"),
        WholeNumber<ImportedBuilding>("floors", "floors", b => b.Floors),
        Number<ImportedBuilding>("gross_floor_area_sqm", "grossFloorAreaSqm", b => b.GrossFloorAreaSqm),
        Shape<ImportedBuilding>("footprint", "geometry", "MultiPolygon", b => b.Footprint),
    ]);

    /// <summary>The carrier a building names exists, in the inventory or earlier in this import.</summary>
    private static readonly string CarrierExists = $"""
        SELECT s.feature_index, s.code, 'carrierCode',
               format('no carrier "%s" in the inventory or earlier in this import', s.carrier_code)
        FROM stage_buildings s
        WHERE s.carrier_code IS NOT NULL AND NOT EXISTS (SELECT FROM {Carriers} c WHERE c.code = s.carrier_code)
        """;

    /// <summary>
    /// A planner puts a building only in a carrier of the building's own bureau: linked to another bureau's carrier, the
    /// building would keep that bureau from deleting its carrier. Links across bureaus are an admin's (or the operator's
    /// command line's) to make; one that exists already is kept by the building's own planners.
    /// </summary>
    private static readonly string CarrierOfTheSameBureau = $"""
        SELECT s.feature_index, s.code, 'carrierCode',
               format('carrier "%s" is stewarded by "%s" and this building by "%s": a planner may put a building only in a carrier of its own bureau (links across bureaus are an admin''s to make)',
                      c.code, c.steward_id, s.steward_id)
        FROM stage_buildings s JOIN {Carriers} c ON c.code = s.carrier_code
             LEFT JOIN {BuildingSchema.Layer.Table} b ON b.code = s.code
        WHERE NOT ({LayerChecks.EveryBureau}) AND c.steward_id IS DISTINCT FROM s.steward_id AND b.carrier_id IS DISTINCT FROM c.id
        """;

    public static ImportLayer<ImportedBuilding> Layer { get; } = new(Table, Read, record => Rules((Building)record),
        CarrierExists, CarrierOfTheSameBureau);

    private static ImportedBuilding Read(PropertyReader r)
    {
        var building = new ImportedBuilding
        {
            CarrierCode = r.Text("carrierCode", required: false, 64),
            Code = r.Text("code", required: true, 64)!,
            NameZh = r.Text("nameZh", required: true, 200)!,
            NameEn = r.Text("nameEn", required: true, 200)!,
            StewardId = r.Text("stewardId", required: true, 64)!,
            Footprint = r.Geometry<MultiPolygon>("geometry", required: true)!,
            Category = r.Enum<BuildingCategory>("category", required: true) ?? default,
            Floors = r.WholeNumber("floors", required: true, 1, 200) ?? 0,
            GrossFloorAreaSqm = r.Number("grossFloorAreaSqm", required: true) ?? 0,
        };
        RecordFields.ReadCommon(r, building);
        RecordFields.ReadFloorSpace(r, building);
        return building;
    }

    private static IEnumerable<(string Field, string Message)> Rules(Building building) =>
        RecordFields.FloorSpaceRules(building, building.GrossFloorAreaSqm, "grossFloorAreaSqm");
}
