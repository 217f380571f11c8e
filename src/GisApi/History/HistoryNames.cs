using LandInventory.Data;

namespace LandInventory.GisApi.History;

/// <summary>The history speaks the API's names: layer ids for tables, camelCase for columns, "geometry" for the shape.</summary>
public static class HistoryNames
{
    private static readonly HashSet<string> GeometryColumns = [.. InventoryLayers.All.Select(l => l.Schema.Geometry)];

    public static string Layer(string table) => InventoryLayers.OfTable(table)?.Id ?? table;

    public static string? Table(string layer) => InventoryLayers.Find(layer)?.Schema.Table;

    public static string Field(string column) => GeometryColumns.Contains(column) ? "geometry" : JsonNames.FromSnakeCase(column);
}
