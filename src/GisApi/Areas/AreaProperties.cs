namespace LandInventory.GisApi.Areas;

/// <summary>What an area shows of itself in GeoJSON (the boundary is the feature's geometry).</summary>
public sealed record AreaProperties(string Id, string NameZh, string NameEn, DateTimeOffset UpdatedAt);
