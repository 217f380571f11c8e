using LandInventory.Data.Carriers;
using LandInventory.Data.Parcels;
using LandInventory.Data.Places;
using LandInventory.GisApi.Words;

namespace LandInventory.GisApi.Matching;

/// <summary>What a criterion compares: a figure against a range, a date, a set of values, or a distance.</summary>
public enum CriterionShape
{
    /// <summary>A figure between <c>min</c> and <c>max</c> (either may be left out), in one of the criterion's units.</summary>
    Range,

    /// <summary>Available on or before <c>date</c>.</summary>
    Date,

    /// <summary>One of <c>values</c> (an enumeration's JSON names, or area ids).</summary>
    Values,

    /// <summary>Within <c>max</c> of the nearest place of <c>kind</c>, on the spheroid.</summary>
    Near,

    /// <summary>Within <c>max</c> of <c>point</c> ([lon, lat], WGS84), on the spheroid.</summary>
    NearPoint,
}

/// <summary>A unit a criterion's figures may be given in: how many of the criterion's stored unit one of it is.</summary>
public sealed record Unit(string Name, double Factor, Bilingual Words);

/// <summary>One thing an investor can require of a site. The first unit is the one the inventory stores.</summary>
public sealed record Criterion(string Name, CriterionShape Shape, Bilingual Words, IReadOnlyList<Unit> Units, Type? Values = null)
{
    public Unit? Unit(string? name) => name is null ? (Units.Count > 0 ? Units[0] : null) : Units.FirstOrDefault(u => u.Name == name);
}

/// <summary>
/// The criteria a match takes, and how near a miss is. Which criteria apply to which space (land, floor) follows from
/// the layers' <see cref="MatchLayer"/>s: a criterion applies where at least one layer of the space has its column.
/// </summary>
public static class Criteria
{
    /// <summary>A figure within this share of its bound on the wrong side is a near miss (floor load 25 for at least 30).</summary>
    public const double NearMissShare = 0.2;

    /// <summary>A site available within this many days after the wanted date is a near miss.</summary>
    public const int NearMissDays = 90;

    /// <summary>The farthest a distance criterion may reach: beyond the zone, "near" means nothing.</summary>
    public const double MaxDistanceM = 100_000;

    private static readonly Unit Metre = new("m", 1, new("米", "m"));
    private static readonly Unit Kilometre = new("km", 1000, new("公里", "km"));
    private static readonly Unit[] Distances = [Metre, Kilometre];

    public static IReadOnlyList<Criterion> All { get; } =
    [
        new("use", CriterionShape.Values, new("用地性质", "land use"), [], typeof(LandUse)),
        new("industry", CriterionShape.Values, new("产业方向", "industry"), [], typeof(Industry)),
        new("kind", CriterionShape.Values, new("载体类型", "kind"), [], typeof(CarrierKind)),
        new("area", CriterionShape.Values, new("片区", "area"), []),
        new("size", CriterionShape.Range, new("面积", "size"),
            [new("m2", 1, new("m²", "m²")), new("mu", 10000.0 / 15, new("亩", "mu")), new("ha", 10000, new("公顷", "ha"))]),
        new("floorHeight", CriterionShape.Range, new("层高", "floor height"), [Metre]),
        new("floorLoad", CriterionShape.Range, new("楼面承重", "floor load"),
            [new("kN/m2", 1, new("kN/m²", "kN/m²")), new("t/m2", 9.80665, new("t/m²", "t/m²"))]),
        new("power", CriterionShape.Range, new("供电容量", "power"),
            [new("kVA", 1, new("kVA", "kVA")), new("MVA", 1000, new("MVA", "MVA"))]),
        new("floors", CriterionShape.Range, new("层数", "floors"), [new("floors", 1, new("层", "floors"))]),
        new("rent", CriterionShape.Range, new("租金", "rent"),
            [new("CNY/m2/month", 1, new("元/m²/月", "CNY/m²/month")), new("CNY/m2/day", 365.0 / 12, new("元/m²/天", "CNY/m²/day"))]),
        // The unit names the price's basis; the parcels carry their price in every basis (LandParcel.Price…).
        new("price", CriterionShape.Range, new("起始价", "starting price"),
            [new("wanYuanPerMu", 1, ValueWords.Of("wanYuanPerMu")), new("wanYuanTotal", 1, ValueWords.Of("wanYuanTotal")),
             new("yuanPerSqmFloorArea", 1, ValueWords.Of("yuanPerSqmFloorArea"))]),
        new("leaseTerm", CriterionShape.Range, new("出让年限", "lease term"), [new("years", 1, new("年", "years"))]),
        new("availableBy", CriterionShape.Date, new("可用日期", "available by"), []),
        new("near", CriterionShape.Near, new("距离", "distance to"), Distances, typeof(PlaceKind)),
        new("nearPoint", CriterionShape.NearPoint, new("距指定地点", "distance to the point"), Distances),
    ];

    public static Criterion? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
