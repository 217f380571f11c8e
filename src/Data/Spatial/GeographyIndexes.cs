namespace LandInventory.Data.Spatial;

/// <summary>
/// GiST indexes on each geometry column cast to geography, which EF cannot model: they let geodesic questions in metres
/// (<c>ST_DWithin(geom, point, metres, true)</c>, whose arguments PostgreSQL casts to geography) use an index instead of
/// measuring every row. Used by the migrations, each passing its columns; identifiers come from those constant lists,
/// never from input.
/// </summary>
public static class GeographyIndexes
{
    public static string Create((string Table, string Column) c) =>
        $"CREATE INDEX ix_{c.Table}_{c.Column}_geography ON {c.Table} USING gist (geography({c.Column}));";

    public static string Drop((string Table, string Column) c) => $"DROP INDEX ix_{c.Table}_{c.Column}_geography;";
}
