using NetTopologySuite.Geometries;

namespace LandInventory.GisApi.Ogc;

/// <summary>One feature as a collection serves it: its id (the record's code, an area's slug), geometry and properties.</summary>
public sealed record FeatureRow(string Id, Geometry Geometry, object Properties);

/// <summary>A feature as published, with what its tag is made of: its row version and the sum of the layer versions.</summary>
public sealed record VersionedRow(FeatureRow Row, uint Version, long Layers);
