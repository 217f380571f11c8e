using LandInventory.Data.Parcels;

namespace LandInventory.GisApi.Parcels;

/// <summary>
/// A parcel's GeoJSON properties: the names and units of docs/data-model.md, the same as the importer reads. A record of
/// its own rather than the entity, so that what the API publishes is chosen, not whatever the table holds.
/// </summary>
public sealed record ParcelProperties(
    string Code, string NameZh, string NameEn, string AreaId, string? AddressZh, string? AddressEn,
    LandUse LandUse, string LandUseCode, LandUseScheme LandUseScheme,
    decimal NetSiteAreaSqm, decimal SiteAreaMu, decimal GeodesicAreaSqm,
    decimal PlotRatioMax, decimal? PlotRatioMin, decimal? BuildingDensityMaxPct, decimal? GreenRatioMinPct,
    decimal? HeightLimitM, int LeaseTermYears, decimal? StartingPrice, PriceBasis? PriceBasis, decimal? DepositWanYuan,
    SupplyMethod SupplyMethod, ParcelStatus Status, DateOnly? AvailableFrom,
    string StewardId, string? ContactName, string? ContactPhone, DateOnly? VerifiedOn, DateTimeOffset UpdatedAt);
