using LandInventory.Data.Areas;
using LandInventory.Data.Buildings;
using LandInventory.Data.Carriers;
using LandInventory.Data.Parcels;
using LandInventory.Data.Spatial;
using NetTopologySuite.Geometries;

namespace LandInventory.Data.Tests;

/// <summary>Valid records to start from; each invariant test breaks exactly one thing.</summary>
internal static class Samples
{
    public const string Steward = "jk-investment-promotion";

    /// <summary>A counter-clockwise square of about <paramref name="metres"/> a side near Dong'an Lake.</summary>
    public static MultiPolygon Square(double lon = 104.27, double lat = 30.59, double metres = 100)
    {
        var dx = metres / 95_800;
        var dy = metres / 110_600;
        var ring = new[]
        {
            new Coordinate(lon, lat), new Coordinate(lon + dx, lat), new Coordinate(lon + dx, lat + dy),
            new Coordinate(lon, lat + dy), new Coordinate(lon, lat),
        };
        return Geo.Factory.CreateMultiPolygon([Geo.Factory.CreatePolygon(ring)]);
    }

    /// <summary>A figure-eight ring: self-intersecting, so invalid.</summary>
    public static MultiPolygon Bowtie() => Geo.Factory.CreateMultiPolygon([
        Geo.Factory.CreatePolygon([
            new Coordinate(104.27, 30.59), new Coordinate(104.28, 30.60), new Coordinate(104.28, 30.59),
            new Coordinate(104.27, 30.60), new Coordinate(104.27, 30.59),
        ]),
    ]);

    public static Area Area(string id = "test-area") => new()
    {
        Id = id, NameZh = "测试片区", NameEn = "Test Area", Boundary = Square(104.26, 30.58, 3000),
    };

    public static LandParcel Parcel(string code = "LQ-TEST:2025-01", string areaId = "test-area") => new()
    {
        Code = code, NameZh = "测试地块", NameEn = "Test Parcel", AreaId = areaId, StewardId = Steward,
        LandUse = LandUse.Residential, LandUseCode = "070102", LandUseScheme = LandUseScheme.TerritorialSpatial2023,
        NetSiteAreaSqm = 10_000m, PlotRatioMax = 2.5m, LeaseTermYears = 70, StartingPrice = 800m,
        PriceBasis = Parcels.PriceBasis.WanYuanPerMu, SupplyMethod = SupplyMethod.Listing, Status = ParcelStatus.Available,
        Boundary = Square(),
    };

    public static IndustrialCarrier Carrier(string code = "JK-TEST-C1") => new()
    {
        Code = code, NameZh = "测试载体", NameEn = "Test Carrier", StewardId = Steward, Kind = CarrierKind.StandardFactory,
        Industries = [Industry.IntelligentConnectedVehicles], TotalFloorAreaSqm = 10_000m, VacantFloorAreaSqm = 4_000m,
        Status = CarrierStatus.Available, Location = Geo.Factory.CreatePoint(new Coordinate(104.25, 30.54)),
    };

    public static Building Building(string code = "JK-TEST-B1") => new()
    {
        Code = code, NameZh = "测试楼宇", NameEn = "Test Building", StewardId = Steward, Category = BuildingCategory.Aging,
        Floors = 6, GrossFloorAreaSqm = 6_000m, VacantFloorAreaSqm = 1_500m, Footprint = Square(104.27, 30.56, 40),
    };
}
