using System.Text.Json.Serialization;

namespace LandInventory.Import;

/// <summary>
/// One thing wrong with the input, located so that a planner can find it: input (a file's path, an upload's name),
/// feature (index and code), field. A problem with the input as a whole has no feature index. The message says what is
/// wrong in words that hold for every front end; <see cref="SuggestedCrs"/>, when the coordinates look like another
/// system, names it, and each front end says how to declare it (the command line's <c>--crs</c>, the API's <c>crs</c>
/// parameter or <c>Content-Crs</c> header). <see cref="At"/> is the problem's place when it has one — where a boundary
/// crosses itself, a point of the parcel outside its area — as WGS84 longitude and latitude, for a map.
/// </summary>
public sealed record ImportProblem(
    string File, int? FeatureIndex, string? Code, string Field, string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SuggestedCrs = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double[]? At = null)
{
    /// <summary>Where the problem is, without the input's name: <c>feature #3 (LQ04), netSiteAreaSqm</c>.</summary>
    [JsonIgnore]
    public string Place => FeatureIndex is null ? Field : $"feature #{FeatureIndex}{(Code is null ? "" : $" ({Code})")}, {Field}";

    /// <summary>The problem with its place and a front end's way of declaring the suggested system, if any.</summary>
    public string Describe(Func<string, string> declareCrs) =>
        $"{Place}: {Message}{(SuggestedCrs is { } crs ? $": {declareCrs(crs)}" : "")}";
}

/// <summary>The input cannot be imported; nothing was written.</summary>
public sealed class InvalidInputException(IReadOnlyList<ImportProblem> problems)
    : Exception($"{problems.Count} problem(s) in the input; nothing was written.")
{
    public IReadOnlyList<ImportProblem> Problems { get; } = problems;
}
