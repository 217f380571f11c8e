using NetTopologySuite.Geometries;

namespace LandInventory.GisApi.Ogc;

/// <summary>One feature as a collection serves it: its id (the record's code, an area's slug), geometry and properties.</summary>
public sealed record FeatureRow(string Id, Geometry Geometry, object Properties);
