namespace LandInventory.Import;

/// <summary>
/// The problems of a run. Every one is counted; the first <see cref="MaxKept"/> are kept with their place, so that a
/// file where every feature is wrong cannot exhaust memory.
/// </summary>
public sealed class ProblemLog
{
    public const int MaxKept = 1000;

    private readonly List<ImportProblem> _kept = [];

    public int Total { get; private set; }

    public IReadOnlyList<ImportProblem> Kept => _kept;

    public void Add(ImportProblem problem)
    {
        Total++;
        if (_kept.Count < MaxKept)
        {
            _kept.Add(problem);
        }
    }
}
