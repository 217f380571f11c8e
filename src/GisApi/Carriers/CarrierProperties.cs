using LandInventory.Data.Carriers;

namespace LandInventory.GisApi.Carriers;

/// <summary>A carrier's GeoJSON properties (its location is the geometry; the site boundary is not sent with lists).</summary>
public sealed record CarrierProperties(
    string Code, string NameZh, string NameEn, string? AddressZh, string? AddressEn,
    CarrierKind Kind, IReadOnlyList<Industry> Industries, decimal TotalFloorAreaSqm, decimal VacantFloorAreaSqm, decimal VacancyRate,
    decimal? FloorHeightM, decimal? FloorLoadKnPerSqm, decimal? PowerCapacityKva, decimal? RentCnyPerSqmMonth,
    string? Operator, CarrierStatus Status, DateOnly? AvailableFrom,
    string StewardId, string? ContactName, string? ContactPhone, DateOnly? VerifiedOn, DateTimeOffset UpdatedAt);
