using LandInventory.Data;
using LandInventory.Data.Areas;
using LandInventory.Data.Buildings;
using LandInventory.Data.Carriers;
using LandInventory.Data.Parcels;
using LandInventory.Data.Spatial;
using LandInventory.Import.Reading;
using NetTopologySuite.Geometries;

namespace LandInventory.Import.Mapping;

/// <summary>
/// Turns a feature's properties into the entity of its layer. The field names are the API's camelCase names
/// (docs/data-model.md). Returns null when any problem was found; the problems say which.
/// </summary>
public static class FeatureMapper
{
    public static Area? ToArea(RawFeature feature, ProblemLog problems, CoordinateSystem crs)
    {
        var r = new PropertyReader(feature, problems, crs);
        var before = problems.Total;
        var area = new Area
        {
            Id = r.Text("id", required: true, 64)!,
            NameZh = r.Text("nameZh", required: true, 100)!,
            NameEn = r.Text("nameEn", required: true, 100)!,
            Boundary = r.Geometry<MultiPolygon>("geometry", required: true)!,
        };
        r.RejectUnknown();
        return problems.Total == before ? area : null;
    }

    public static LandParcel? ToParcel(RawFeature feature, ProblemLog problems, CoordinateSystem crs)
    {
        var r = new PropertyReader(feature, problems, crs);
        var before = problems.Total;
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
        ReadCommon(r, parcel);
        CheckRules(r, parcel);
        r.RejectUnknown();
        return problems.Total == before ? parcel : null;
    }

    public static IndustrialCarrier? ToCarrier(RawFeature feature, ProblemLog problems, CoordinateSystem crs)
    {
        var r = new PropertyReader(feature, problems, crs);
        var before = problems.Total;
        var carrier = new IndustrialCarrier
        {
            Code = r.Text("code", required: true, 64)!,
            NameZh = r.Text("nameZh", required: true, 200)!,
            NameEn = r.Text("nameEn", required: true, 200)!,
            StewardId = r.Text("stewardId", required: true, 64)!,
            Location = r.Geometry<Point>("geometry", required: true)!,
            SiteBoundary = r.Geometry<MultiPolygon>("siteBoundary", required: false),
            Kind = r.Enum<CarrierKind>("kind", required: true) ?? default,
            Industries = r.EnumList<Industry>("industries"),
            TotalFloorAreaSqm = r.Number("totalFloorAreaSqm", required: true) ?? 0,
            PowerCapacityKva = r.Number("powerCapacityKva", required: false),
            Operator = r.Text("operator", required: false, 200),
            Status = r.Enum<CarrierStatus>("status", required: true) ?? default,
        };
        ReadCommon(r, carrier);
        ReadFloorSpace(r, carrier);
        CheckRules(r, carrier);

        r.RejectUnknown();
        return problems.Total == before ? carrier : null;
    }

    /// <summary>The building's carrier is named by code (<c>carrierCode</c>) and resolved when writing, since the
    /// carrier may come in the same import.</summary>
    public static ImportedBuilding? ToBuilding(RawFeature feature, ProblemLog problems, CoordinateSystem crs)
    {
        var r = new PropertyReader(feature, problems, crs);
        var before = problems.Total;
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
        ReadCommon(r, building);
        ReadFloorSpace(r, building);
        CheckRules(r, building);
        r.RejectUnknown();
        return problems.Total == before ? building : null;
    }

    private static void ReadCommon(PropertyReader r, InventoryRecord record)
    {
        record.AddressZh = r.Text("addressZh", required: false, 300);
        record.AddressEn = r.Text("addressEn", required: false, 300);
        record.ContactName = r.Text("contactName", required: false, 100);
        record.ContactPhone = r.Text("contactPhone", required: false, 40);
        record.VerifiedOn = r.Date("verifiedOn", required: false);
    }

    /// <summary>The figures carriers and buildings share (whether the vacancy fits is one of the <see cref="RecordRules"/>).</summary>
    private static void ReadFloorSpace(PropertyReader r, IFloorSpace space)
    {
        space.VacantFloorAreaSqm = r.Number("vacantFloorAreaSqm", required: true) ?? 0;
        space.FloorHeightM = r.Number("floorHeightM", required: false, max: 100);
        space.FloorLoadKnPerSqm = r.Number("floorLoadKnPerSqm", required: false, max: 1000);
        space.RentCnyPerSqmMonth = r.Number("rentCnyPerSqmMonth", required: false);
        space.AvailableFrom = r.Date("availableFrom", required: false);
    }

    private static void CheckRules(PropertyReader r, object record)
    {
        foreach (var (field, message) in RecordRules.Of(record))
        {
            r.Problem(field, message);
        }
    }
}
