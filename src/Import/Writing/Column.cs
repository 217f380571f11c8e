using NpgsqlTypes;

namespace LandInventory.Import.Writing;

/// <summary>
/// One column that an import writes: its name in the table and in GeoJSON, its type in the staging table, how the merge
/// reads it from the staging row (enums arrive as text and are cast), and how to take its value from the mapped entity.
/// </summary>
public sealed record Column<T>(string Name, string JsonName, string StageType, NpgsqlDbType DbType, Func<T, object?> Value)
{
    /// <summary>The expression that gives the target column its value from staging row <c>s</c>.</summary>
    public string Source { get; init; } = $"s.{Name}";

    /// <summary>
    /// The expression that gives the column's GeoJSON value back from a stored row <c>r</c> of the table (a past state
    /// rebuilt from the history): the column itself, or where the merge resolved a reference, the reference as named.
    /// </summary>
    public string Stored { get; init; } = $"r.{Name}";

    /// <summary>The column's name in the staging table (differs where the merge resolves a reference).</summary>
    public string StageName { get; init; } = Name;

    /// <summary>The same column, cast to a PostgreSQL enum (or enum array) type when merged.</summary>
    public Column<T> CastTo(string type) => this with { Source = $"s.{Name}::{type}", IsEnum = true };

    /// <summary>Holds PostgreSQL enum labels (<c>commercial_service</c>), which the API names in camel case.</summary>
    public bool IsEnum { get; init; }
}
