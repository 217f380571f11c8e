namespace LandInventory.GisApi.Matching;

/// <summary>
/// One requirement of a project, checked: its criterion, the figures in the unit given (<see cref="Unit"/>), and
/// whether it must be met (hard) or counts towards the fit score with its weight (soft).
/// </summary>
public sealed record Requirement(
    Criterion Criterion, Unit? Unit, double? Min, double? Max, DateOnly? Date, IReadOnlyList<string> Values,
    string? Kind, double? Lon, double? Lat, bool Must, double Weight)
{
    /// <summary>A bound in the inventory's stored unit.</summary>
    public double? Stored(double? figure) => figure * (Unit?.Factor ?? 1);

    /// <summary>A stored figure in the unit the requirement was given in.</summary>
    public double InUnit(double stored) => stored / (Unit?.Factor ?? 1);

    /// <summary>What tells two requirements apart: one per criterion, one per kind of place for <c>near</c>.</summary>
    public string Key => Kind is null ? Criterion.Name : $"{Criterion.Name}:{Kind}";
}

/// <summary>A project's requirements for one space, and the page of the ranked answer wanted.</summary>
public sealed record MatchQuery(string Space, IReadOnlyList<Requirement> Requirements, int Limit, int Offset)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 200;
    public const int MaxOffset = 10_000;
    public const int MaxRequirements = 20;

    public IEnumerable<Requirement> Hard => Requirements.Where(r => r.Must);

    public IEnumerable<Requirement> Soft => Requirements.Where(r => !r.Must);
}
