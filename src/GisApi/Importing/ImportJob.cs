using LandInventory.Import;
using LandInventory.Import.Writing;

namespace LandInventory.GisApi.Importing;

/// <summary>
/// One import posted over HTTP: queued, then run by <see cref="ImportJobs"/> through the import library, as the command
/// line's are; its progress (bytes read of the upload) and, once done, the report. The upload waits in
/// <paramref name="upload"/>, deleted when the job is done — except a dry run's that found no problem, kept for its
/// commit (<see cref="Reviewable"/>). Kept in memory for <see cref="ImportJobs.Retention"/>.
/// </summary>
public sealed class ImportJob(string id, string owner, ImportInput input, string upload, ImportOptions options)
    : IImportProgress
{
    public string Id => id;

    /// <summary>Who posted it (the history's actor name): only they and admins may read it.</summary>
    public string Owner => owner;

    public ImportInput Input => input;

    /// <summary>Where the upload waits for its turn.</summary>
    public string File => upload;

    /// <summary>The bytes the upload takes on disk while the job waits or runs.</summary>
    public long Stored { get; } = new FileInfo(upload).Length;

    public ImportOptions Options => options;

    /// <summary>
    /// <c>queued</c>, <c>running</c>, <c>succeeded</c>, <c>invalid</c> (nothing written), <c>failed</c>, or <c>stale</c>: a
    /// commit refused because the layer changed since its dry run, reporting the new difference instead (nothing written).
    /// </summary>
    public string State { get; set; } = "queued";

    /// <summary>For a commit: the dry run it commits, and the layer version that dry run saw.</summary>
    public string? ReviewOf { get; init; }

    public long? ExpectedBasis { get; init; }

    /// <summary>The layer's version (<c>layer_versions</c>) the run saw as it began: what a commit of its report expects.</summary>
    public long? Basis { get; set; }

    /// <summary>The commit job that took this dry run's upload, once there is one.</summary>
    public string? CommittedBy { get; set; }

    /// <summary>A report that can be committed: a dry run without problems, or a stale commit's new difference; not yet committed.</summary>
    public bool Reviewable => CommittedBy is null && FinishedAt is not null
        && ((options.DryRun && State == "succeeded") || State == "stale");

    /// <summary>Whether the upload is on disk: waiting, running, or kept for a commit.</summary>
    public bool HoldsUpload => FinishedAt is null || Reviewable;

    public DateTimeOffset CreatedAt { get; } = DateTimeOffset.UtcNow;

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public long BytesRead { get; private set; }

    public long Bytes { get; private set; }

    public ImportResult? Result { get; set; }

    /// <summary>Why a failed job failed, without internals.</summary>
    public string? Error { get; set; }

    public void Started(ImportLayer layer, string file, long length) => Bytes = length;

    public void Advanced(long position) => BytesRead = position;

    public void Finished(LayerResult result) => BytesRead = Bytes;

    /// <summary>The job as its status document.</summary>
    public object Describe(string self) => new
    {
        id,
        state = State,
        layer = input.Layer.Name,
        mode = options.Mode.Name(),
        dryRun = options.DryRun,
        skipInvalid = options.SkipInvalid,
        crs = options.Crs?.Name,
        createdAt = CreatedAt,
        startedAt = StartedAt,
        finishedAt = FinishedAt,
        progress = new { bytesRead = BytesRead, bytes = Bytes, percent = Bytes == 0 ? 0 : Math.Round(100.0 * BytesRead / Bytes, 1) },
        error = Error,
        basis = Basis,
        reviewOf = ReviewOf,
        committedBy = CommittedBy,
        report = Result is null ? null : ImportReport.Of(Result, options),
        links = new[] { (self, "self"), ($"{self}/commit", "commit") }.Take(Reviewable ? 2 : 1)
            .Select(l => new { href = l.Item1, rel = l.Item2, type = "application/json" }),
    };
}
