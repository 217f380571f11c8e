namespace LandInventory.GisApi.Search;

/// <summary>
/// A layer's figures in the area statistics (each layer's is in its folder): its count, named after the layer, and the
/// breakdowns <paramref name="Maps"/> names, in that order. <paramref name="Sql"/> computes them all in PostgreSQL, per
/// area and for the whole zone (<c>GROUPING SETS</c>), as rows of (area id, whether the row is the zone's, figure, key —
/// an enum label, null for the count — and value).
/// </summary>
public sealed record LayerStatistics(IReadOnlyList<string> Maps, string Sql);
