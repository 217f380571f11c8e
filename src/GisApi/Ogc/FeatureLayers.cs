using LandInventory.Data.Areas;
using LandInventory.Data.Buildings;
using LandInventory.Data.Carriers;
using LandInventory.Data.Parcels;
using LandInventory.GisApi.Areas;
using LandInventory.GisApi.Buildings;
using LandInventory.GisApi.Carriers;
using LandInventory.GisApi.Parcels;

namespace LandInventory.GisApi.Ogc;

/// <summary>The four layers as OGC API – Features collections.</summary>
public static class FeatureLayers
{

    public static IReadOnlyList<IFeatureLayer> All { get; } =
    [
        new FeatureLayer<Area>("areas", "Supply areas 供地片区",
            "The three areas of the land-supply list: 大面东洪 Damian-Donghong, 十陵 Shiling, 东安湖活力城 Dong'an Lake Vitality City.",
            db => db.Areas, a => a.Id, a => a.Boundary,
            a => new FeatureRow(a.Id, a.Boundary, new AreaProperties(a.Id, a.NameZh, a.NameEn, a.UpdatedAt)),
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(boundary) AS e FROM areas) s"),
        new FeatureLayer<LandParcel>("parcels", "Land parcels 土地供给机会清单",
            "Residential and commercial-service parcels on offer, with planning conditions, price and status.",
            db => db.LandParcels, p => p.Code, p => p.Boundary,
            p => new FeatureRow(p.Code, p.Boundary, new ParcelProperties(
                p.Code, p.NameZh, p.NameEn, p.AreaId, p.AddressZh, p.AddressEn, p.LandUse, p.LandUseCode, p.LandUseScheme,
                p.NetSiteAreaSqm, p.SiteAreaMu, p.GeodesicAreaSqm, p.PlotRatioMax, p.PlotRatioMin, p.BuildingDensityMaxPct,
                p.GreenRatioMinPct, p.HeightLimitM, p.LeaseTermYears, p.StartingPrice, p.PriceBasis, p.DepositWanYuan,
                p.SupplyMethod, p.Status, p.AvailableFrom, p.StewardId, p.ContactName, p.ContactPhone, p.VerifiedOn, p.UpdatedAt)),
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(boundary) AS e FROM land_parcels) s"),
        new FeatureLayer<IndustrialCarrier>("carriers", "Industrial carriers 产业载体",
            "Industrial parks, standard factories, office buildings, incubators and warehouses with vacant floor space.",
            db => db.IndustrialCarriers, c => c.Code, c => c.Location,
            c => new FeatureRow(c.Code, c.Location, new CarrierProperties(
                c.Code, c.NameZh, c.NameEn, c.AddressZh, c.AddressEn, c.Kind, c.Industries, c.TotalFloorAreaSqm,
                c.VacantFloorAreaSqm, c.VacancyRate, c.FloorHeightM, c.FloorLoadKnPerSqm, c.PowerCapacityKva, c.RentCnyPerSqmMonth,
                c.Operator, c.Status, c.AvailableFrom, c.StewardId, c.ContactName, c.ContactPhone, c.VerifiedOn, c.UpdatedAt)),
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(location) AS e FROM industrial_carriers) s"),
        new FeatureLayer<Building>("buildings", "Buildings with vacant space 楼宇",
            "Buildings of the building de-stocking action: aging, featured and underused, with their vacant floor area.",
            db => db.Buildings, b => b.Code, b => b.Footprint,
            b => new FeatureRow(b.Code, b.Footprint, new BuildingProperties(
                b.Code, b.NameZh, b.NameEn, b.AddressZh, b.AddressEn, b.Carrier == null ? null : b.Carrier.Code, b.Category,
                b.Floors, b.GrossFloorAreaSqm, b.VacantFloorAreaSqm, b.VacancyRate, b.FloorHeightM, b.FloorLoadKnPerSqm, b.RentCnyPerSqmMonth,
                b.AvailableFrom, b.StewardId, b.ContactName, b.ContactPhone, b.VerifiedOn, b.UpdatedAt)),
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(footprint) AS e FROM buildings) s"),
    ];

    public static IFeatureLayer? Find(string id) => All.FirstOrDefault(c => c.Id == id);
}
