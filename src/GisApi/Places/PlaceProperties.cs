using LandInventory.Data.Places;

namespace LandInventory.GisApi.Places;

/// <summary>What a place shows of itself in GeoJSON (the location is the feature's geometry).</summary>
public sealed record PlaceProperties(string Id, PlaceKind Kind, string NameZh, string NameEn, DateTimeOffset UpdatedAt);
