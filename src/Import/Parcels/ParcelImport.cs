using LandInventory.Data.Areas;
using LandInventory.Data.Parcels;
using LandInventory.Import.Mapping;
using LandInventory.Import.Writing;
using NetTopologySuite.Geometries;
using static LandInventory.Import.Writing.Columns;

namespace LandInventory.Import.Parcels;

/// <summary>
/// The land parcels as imported: the planning conditions, price and status of each, its boundary inside its area, and
/// the rules that tie its figures together (lease term within the statutory maximum, plot ratios in order, a price with
/// its basis).
/// </summary>
public static class ParcelImport
{
    /// <summary>The areas' table, which parcels point to (a layer names another's tables through its schema).</summary>
    private static readonly string Areas = AreaSchema.Layer.Table;

    private static readonly LayerTable<LandParcel> Table = new(ParcelSchema.Layer,
    [
        .. Record<LandParcel>(),
        Text<LandParcel>("area_id", "areaId", p => p.AreaId),
        Enum<LandParcel>("land_use", "landUse", p => p.LandUse).CastTo("land_use"),
        Text<LandParcel>("land_use_code", "landUseCode", p => p.LandUseCode),
        Enum<LandParcel>("land_use_scheme", "landUseScheme", p => p.LandUseScheme).CastTo("land_use_scheme"),
        Number<LandParcel>("net_site_area_sqm", "netSiteAreaSqm", p => p.NetSiteAreaSqm),
        Number<LandParcel>("plot_ratio_max", "plotRatioMax", p => p.PlotRatioMax),
        Number<LandParcel>("plot_ratio_min", "plotRatioMin", p => p.PlotRatioMin),
        Number<LandParcel>("building_density_max_pct", "buildingDensityMaxPct", p => p.BuildingDensityMaxPct),
        Number<LandParcel>("green_ratio_min_pct", "greenRatioMinPct", p => p.GreenRatioMinPct),
        Number<LandParcel>("height_limit_m", "heightLimitM", p => p.HeightLimitM),
        WholeNumber<LandParcel>("lease_term_years", "leaseTermYears", p => p.LeaseTermYears),
        Number<LandParcel>("starting_price", "startingPrice", p => p.StartingPrice),
        Enum<LandParcel>("price_basis", "priceBasis", p => p.PriceBasis).CastTo("price_basis"),
        Number<LandParcel>("deposit_wan_yuan", "depositWanYuan", p => p.DepositWanYuan),
        Enum<LandParcel>("supply_method", "supplyMethod", p => p.SupplyMethod).CastTo("supply_method"),
        Enum<LandParcel>("status", "status", p => p.Status).CastTo("parcel_status"),
        Date<LandParcel>("available_from", "availableFrom", p => p.AvailableFrom),
        Shape<LandParcel>("boundary", "geometry", "MultiPolygon", p => p.Boundary),
    ]);

    /// <summary>
    /// Each parcel names an area that exists, and lies inside it (how much does not, where it does lie, and a point of
    /// the part outside: the problem's place).
    /// </summary>
    private static readonly string InItsArea = $"""
        SELECT s.feature_index, s.code, 'areaId',
               format('no area "%s" (known: %s)', s.area_id, (SELECT string_agg(id, ', ' ORDER BY id) FROM {Areas})),
               NULL::float8, NULL::float8
        FROM stage_land_parcels s WHERE NOT EXISTS (SELECT FROM {Areas} a WHERE a.id = s.area_id)
        UNION ALL
        SELECT s.feature_index, s.code, 'areaId',
               format('the parcel is not inside its area "%s": %s%% of it lies outside%s', a.id,
                      round((100 * (1 - ST_Area(ST_Intersection(s.boundary, a.boundary)) / ST_Area(s.boundary)))::numeric, 1),
                      coalesce('; it lies in "' || (SELECT string_agg(o.id, '", "' ORDER BY o.id) FROM {Areas} o
                                                    WHERE ST_Intersects(o.boundary, ST_PointOnSurface(s.boundary))) || '"', '')),
               -- A point of the part outside, for a map.
               ST_X(ST_PointOnSurface(ST_Difference(s.boundary, a.boundary))), ST_Y(ST_PointOnSurface(ST_Difference(s.boundary, a.boundary)))
        FROM stage_land_parcels s JOIN {Areas} a ON a.id = s.area_id
        WHERE NOT ST_CoveredBy(s.boundary, a.boundary)
        """;

    public static ImportLayer<LandParcel> Layer { get; } = new(Table, Read, record => Rules((LandParcel)record),
        InItsArea);

    private static LandParcel Read(PropertyReader r)
    {
        var parcel = new LandParcel
        {
            Code = r.Text("code", required: true, 64)!,
            NameZh = r.Text("nameZh", required: true, 200)!,
            NameEn = r.Text("nameEn", required: true, 200)!,
            StewardId = r.Text("stewardId", required: true, 64)!,
            AreaId = r.Text("areaId", required: true, 64)!,
            LandUseCode = r.Text("landUseCode", required: true, 16)!,
            Boundary = r.Geometry<MultiPolygon>("geometry", required: true)!,
            LandUse = r.Enum<LandUse>("landUse", required: true) ?? default,
            LandUseScheme = r.Enum<LandUseScheme>("landUseScheme", required: true) ?? default,
            NetSiteAreaSqm = r.Number("netSiteAreaSqm", required: true) ?? 0,
            PlotRatioMax = r.Number("plotRatioMax", required: true, max: 99) ?? 0,
            PlotRatioMin = r.Number("plotRatioMin", required: false, max: 99),
            BuildingDensityMaxPct = r.Number("buildingDensityMaxPct", required: false, max: 100),
            GreenRatioMinPct = r.Number("greenRatioMinPct", required: false, max: 100),
            HeightLimitM = r.Number("heightLimitM", required: false, max: 1000),
            LeaseTermYears = r.WholeNumber("leaseTermYears", required: true, 1, 70) ?? 0,
            StartingPrice = r.Number("startingPrice", required: false),
            PriceBasis = r.Enum<PriceBasis>("priceBasis", required: false),
            DepositWanYuan = r.Number("depositWanYuan", required: false),
            SupplyMethod = r.Enum<SupplyMethod>("supplyMethod", required: true) ?? default,
            Status = r.Enum<ParcelStatus>("status", required: true) ?? default,
            AvailableFrom = r.Date("availableFrom", required: false),
        };
        RecordFields.ReadCommon(r, parcel);
        return parcel;
    }

    private static IEnumerable<(string Field, string Message)> Rules(LandParcel parcel)
    {
        var maxLease = parcel.LandUse == LandUse.Residential
            ? LandParcelConfiguration.ResidentialMaxLeaseYears
            : LandParcelConfiguration.CommercialMaxLeaseYears;
        if (parcel.LeaseTermYears > maxLease)
        {
            yield return ("leaseTermYears", $"{parcel.LeaseTermYears} years exceeds the statutory maximum of {maxLease} for {parcel.LandUse} land");
        }

        if (parcel.PlotRatioMin > parcel.PlotRatioMax)
        {
            yield return ("plotRatioMin", $"{parcel.PlotRatioMin} is above plotRatioMax {parcel.PlotRatioMax}");
        }

        if (parcel.StartingPrice is null != parcel.PriceBasis is null)
        {
            yield return ("priceBasis", "startingPrice and priceBasis go together: give both or neither");
        }
    }
}
