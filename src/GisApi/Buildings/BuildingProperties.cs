using LandInventory.Data.Buildings;

namespace LandInventory.GisApi.Buildings;

/// <summary>A building's GeoJSON properties; its carrier by code, as the importer takes it.</summary>
public sealed record BuildingProperties(
    string Code, string NameZh, string NameEn, string? AddressZh, string? AddressEn, string? CarrierCode,
    BuildingCategory Category, int Floors, decimal GrossFloorAreaSqm, decimal VacantFloorAreaSqm, decimal VacancyRate,
    decimal? FloorHeightM, decimal? FloorLoadKnPerSqm, decimal? RentCnyPerSqmMonth, DateOnly? AvailableFrom,
    string StewardId, string? ContactName, string? ContactPhone, DateOnly? VerifiedOn, DateTimeOffset UpdatedAt);
