namespace LandInventory.GisApi.Matching;

/// <summary>
/// What a site-selection match asks of one layer, described in the layer's folder: the space it offers (<c>land</c>,
/// <c>floor</c>), the SQL test of a record on offer, and the column that answers each criterion (a table alias
/// <c>t</c>). A price's column is keyed by its basis (<c>price.wanYuanPerMu</c>). Areas without a column are tested
/// spatially, distances on the layer's geometry; a criterion the layer has no column for is "not stated" there.
/// </summary>
public sealed record MatchLayer(string Space, string OnOffer, IReadOnlyDictionary<string, MatchColumn> Columns)
{
    public const string Land = "land";
    public const string Floor = "floor";

    public static IReadOnlyList<string> Spaces { get; } = [Land, Floor];

    /// <summary>The column for a criterion in a unit (a price's basis picks its own column), if the layer has one.</summary>
    public MatchColumn? Column(string criterion, string? unit) =>
        Columns.GetValueOrDefault($"{criterion}.{unit}") ?? Columns.GetValueOrDefault(criterion);

    /// <summary>Whether the layer answers the criterion at all (a price in any basis counts).</summary>
    public bool Answers(string criterion) =>
        Columns.ContainsKey(criterion) || Columns.Keys.Any(k => k.StartsWith(criterion + ".", StringComparison.Ordinal));
}

/// <summary>
/// A column that answers a criterion: an enumeration's PostgreSQL type, whether it holds an array of them, whether it is
/// an integer (bounds are then rounded inwards to integers, so the column's index still serves).
/// </summary>
public sealed record MatchColumn(string Sql, string? EnumType = null, bool IsArray = false, bool IsInteger = false);
