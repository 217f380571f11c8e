namespace LandInventory.GisApi.History;

/// <summary>The history speaks the API's names: layer ids for tables, camelCase for columns, "geometry" for the shape.</summary>
public static class HistoryNames
{
    private static readonly Dictionary<string, string> LayerOfTable = Data.History.HistoryTriggers.Tables.ToDictionary(
        t => t.Table, t => t.Table switch
        {
            "land_parcels" => "parcels",
            "industrial_carriers" => "carriers",
            _ => t.Table,
        });

    private static readonly HashSet<string> GeometryColumns = [.. Data.History.HistoryTriggers.Tables.Select(t => t.Geometry)];

    public static string Layer(string table) => LayerOfTable.GetValueOrDefault(table, table);

    public static string? Table(string layer) => LayerOfTable.FirstOrDefault(p => p.Value == layer).Key;

    public static string Field(string column)
    {
        if (GeometryColumns.Contains(column))
        {
            return "geometry";
        }

        var parts = column.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
