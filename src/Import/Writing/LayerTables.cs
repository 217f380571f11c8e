using LandInventory.Data;
using LandInventory.Data.Areas;
using LandInventory.Import.Mapping;
using LandInventory.Data.Carriers;
using LandInventory.Data.Parcels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql.NameTranslation;
using NpgsqlTypes;

namespace LandInventory.Import.Writing;

/// <summary>
/// What each layer's import writes, column by column, in the order of the staging table. Generated columns (亩, geodesic
/// area), keys and timestamps are the database's and are not here.
/// </summary>
public static class LayerTables
{
    private static readonly NpgsqlSnakeCaseNameTranslator Labels = new();

    /// <summary>The schema's model, built once (no connection is opened): the source of the numeric column types.</summary>
    private static readonly IModel Model = BuildModel();

    public static LayerTable<Area> Areas { get; } = new("areas", "id",
    [
        Text<Area>("id", "id", a => a.Id),
        Text<Area>("name_zh", "nameZh", a => a.NameZh),
        Text<Area>("name_en", "nameEn", a => a.NameEn),
        Shape<Area>("boundary", "geometry", "MultiPolygon", a => a.Boundary),
    ]);

    public static LayerTable<LandParcel> Parcels { get; } = new("land_parcels", "code",
    [
        .. Record<LandParcel>(),
        Text<LandParcel>("area_id", "areaId", p => p.AreaId),
        Enum<LandParcel>("land_use", "landUse", p => p.LandUse).CastTo("land_use"),
        Text<LandParcel>("land_use_code", "landUseCode", p => p.LandUseCode),
        Enum<LandParcel>("land_use_scheme", "landUseScheme", p => p.LandUseScheme).CastTo("land_use_scheme"),
        Number<LandParcel>("land_parcels", "net_site_area_sqm", "netSiteAreaSqm", p => p.NetSiteAreaSqm),
        Number<LandParcel>("land_parcels", "plot_ratio_max", "plotRatioMax", p => p.PlotRatioMax),
        Number<LandParcel>("land_parcels", "plot_ratio_min", "plotRatioMin", p => p.PlotRatioMin),
        Number<LandParcel>("land_parcels", "building_density_max_pct", "buildingDensityMaxPct", p => p.BuildingDensityMaxPct),
        Number<LandParcel>("land_parcels", "green_ratio_min_pct", "greenRatioMinPct", p => p.GreenRatioMinPct),
        Number<LandParcel>("land_parcels", "height_limit_m", "heightLimitM", p => p.HeightLimitM),
        new Column<LandParcel>("lease_term_years", "leaseTermYears", "integer", NpgsqlDbType.Integer, p => p.LeaseTermYears),
        Number<LandParcel>("land_parcels", "starting_price", "startingPrice", p => p.StartingPrice),
        Enum<LandParcel>("price_basis", "priceBasis", p => p.PriceBasis).CastTo("price_basis"),
        Number<LandParcel>("land_parcels", "deposit_wan_yuan", "depositWanYuan", p => p.DepositWanYuan),
        Enum<LandParcel>("supply_method", "supplyMethod", p => p.SupplyMethod).CastTo("supply_method"),
        Enum<LandParcel>("status", "status", p => p.Status).CastTo("parcel_status"),
        Date<LandParcel>("available_from", "availableFrom", p => p.AvailableFrom),
        Shape<LandParcel>("boundary", "geometry", "MultiPolygon", p => p.Boundary),
    ]);

    public static LayerTable<IndustrialCarrier> Carriers { get; } = new("industrial_carriers", "code",
    [
        .. Record<IndustrialCarrier>(),
        .. FloorSpace<IndustrialCarrier>("industrial_carriers"),
        Enum<IndustrialCarrier>("kind", "kind", c => c.Kind).CastTo("carrier_kind"),
        new Column<IndustrialCarrier>("industries", "industries", "text[]", NpgsqlDbType.Array | NpgsqlDbType.Text,
            c => c.Industries.Select(i => Labels.TranslateMemberName(i.ToString())).ToArray()).CastTo("industry[]"),
        Number<IndustrialCarrier>("industrial_carriers", "total_floor_area_sqm", "totalFloorAreaSqm", c => c.TotalFloorAreaSqm),
        Number<IndustrialCarrier>("industrial_carriers", "power_capacity_kva", "powerCapacityKva", c => c.PowerCapacityKva),
        Text<IndustrialCarrier>("operator", "operator", c => c.Operator),
        Enum<IndustrialCarrier>("status", "status", c => c.Status).CastTo("carrier_status"),
        Shape<IndustrialCarrier>("location", "geometry", "Point", c => c.Location),
        Shape<IndustrialCarrier>("site_boundary", "siteBoundary", "MultiPolygon", c => c.SiteBoundary),
    ]);

    /// <summary>A building names its carrier by code; the merge turns the code into the carrier's id.</summary>
    public static LayerTable<ImportedBuilding> Buildings { get; } = new("buildings", "code",
    [
        .. Record<ImportedBuilding>(),
        .. FloorSpace<ImportedBuilding>("buildings"),
        Text<ImportedBuilding>("carrier_id", "carrierCode", b => b.CarrierCode) with
        {
            StageName = "carrier_code",
            Source = "(SELECT c.id FROM industrial_carriers c WHERE c.code = s.carrier_code)",
        },
        Enum<ImportedBuilding>("category", "category", b => b.Category).CastTo("building_category"),
        new Column<ImportedBuilding>("floors", "floors", "integer", NpgsqlDbType.Integer, b => b.Floors),
        Number<ImportedBuilding>("buildings", "gross_floor_area_sqm", "grossFloorAreaSqm", b => b.GrossFloorAreaSqm),
        Shape<ImportedBuilding>("footprint", "geometry", "MultiPolygon", b => b.Footprint),
    ]);

    /// <summary>The PostgreSQL label of an enum value (<c>CommercialService</c> → <c>commercial_service</c>).</summary>
    public static string Label(Enum value) => Labels.TranslateMemberName(value.ToString());

    private static Column<T>[] Record<T>()
        where T : InventoryRecord =>
    [
        Text<T>("code", "code", r => r.Code),
        Text<T>("name_zh", "nameZh", r => r.NameZh),
        Text<T>("name_en", "nameEn", r => r.NameEn),
        Text<T>("address_zh", "addressZh", r => r.AddressZh),
        Text<T>("address_en", "addressEn", r => r.AddressEn),
        Text<T>("steward_id", "stewardId", r => r.StewardId),
        Text<T>("contact_name", "contactName", r => r.ContactName),
        Text<T>("contact_phone", "contactPhone", r => r.ContactPhone),
        Date<T>("verified_on", "verifiedOn", r => r.VerifiedOn),
    ];

    private static Column<T>[] FloorSpace<T>(string table)
        where T : IFloorSpace =>
    [
        Number<T>(table, "vacant_floor_area_sqm", "vacantFloorAreaSqm", f => f.VacantFloorAreaSqm),
        Number<T>(table, "floor_height_m", "floorHeightM", f => f.FloorHeightM),
        Number<T>(table, "floor_load_kn_per_sqm", "floorLoadKnPerSqm", f => f.FloorLoadKnPerSqm),
        Number<T>(table, "rent_cny_per_sqm_month", "rentCnyPerSqmMonth", f => f.RentCnyPerSqmMonth),
        Date<T>("available_from", "availableFrom", f => f.AvailableFrom),
    ];

    private static Column<T> Text<T>(string name, string json, Func<T, string?> value) =>
        new(name, json, "text", NpgsqlDbType.Text, value);

    /// <summary>Staged with the target's own precision, so that rounding happens before the comparison, not after.</summary>
    private static Column<T> Number<T>(string table, string name, string json, Func<T, decimal?> value) =>
        new(name, json, StoreType(table, name), NpgsqlDbType.Numeric, t => value(t));

    /// <summary>The column's type as the schema (the EF model in src/Data) defines it: one definition, not two.</summary>
    private static string StoreType(string table, string column) =>
        Model.GetEntityTypes()
            .Single(e => e.GetTableName() == table)
            .GetProperties()
            .Single(p => p.GetColumnName() == column)
            .GetColumnType();

    private static IModel BuildModel()
    {
        using var context = InventoryDatabase.CreateContext("Host=unused");
        return context.Model;
    }

    private static Column<T> Date<T>(string name, string json, Func<T, DateOnly?> value) =>
        new(name, json, "date", NpgsqlDbType.Date, t => value(t));

    private static Column<T> Enum<T>(string name, string json, Func<T, Enum?> value) =>
        new(name, json, "text", NpgsqlDbType.Text, t => value(t) is { } v ? Label(v) : null);

    private static Column<T> Shape<T>(string name, string json, string type, Func<T, object?> value) =>
        new(name, json, $"geometry({type},4326)", NpgsqlDbType.Geometry, value);
}
