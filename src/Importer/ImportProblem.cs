namespace LandInventory.Importer;

/// <summary>
/// One thing wrong with the input, located so that a planner can find it: file, feature (index and code), field.
/// A problem with the file as a whole has no feature index.
/// </summary>
public sealed record ImportProblem(string File, int? FeatureIndex, string? Code, string Field, string Message)
{
    public override string ToString()
    {
        var where = FeatureIndex is null ? "" : $"feature #{FeatureIndex}{(Code is null ? "" : $" ({Code})")}, ";
        return $"{Path.GetFileName(File)}: {where}{Field}: {Message}";
    }
}

/// <summary>The input cannot be imported; nothing was written.</summary>
public sealed class InvalidInputException(IReadOnlyList<ImportProblem> problems)
    : Exception($"{problems.Count} problem(s) in the input; nothing was written.")
{
    public IReadOnlyList<ImportProblem> Problems { get; } = problems;
}
