using LandInventory.Import.Writing;

namespace LandInventory.Import;

/// <summary>
/// The end of a run as data a client reads: the command line's <c>--report</c> file and the API's import job report
/// alike. Names are the API's (<c>parcels</c>, <c>upsert</c>), never enum numbers; inputs are named as they were given.
/// </summary>
public sealed record ImportReport(
    bool Written, bool DryRun, string Mode, IReadOnlyList<LayerReport> Layers, int ProblemCount,
    IReadOnlyList<ImportProblem> Problems)
{
    public static ImportReport Of(ImportResult result, ImportOptions options) => new(
        result.Written, options.DryRun, options.Mode.Name(),
        [.. result.Layers.Select(r => new LayerReport(r.Layer.Name, r.File, r.Crs, r.Read, r.Inserted, r.Updated,
            r.Unchanged, r.Removed, r.Rejected, r.Diff))],
        result.Problems.Total, result.Problems.Kept);
}

/// <summary>What one input's import did, or would do in a dry run, and each feature's change.</summary>
public sealed record LayerReport(
    string Layer, string File, string Crs, int Read, int Inserted, int Updated, int Unchanged, int Removed, int Rejected,
    IReadOnlyList<DiffEntry> Changes);
