using LandInventory.Import;
using LandInventory.Import.Writing;

namespace LandInventory.GisApi.Importing;

/// <summary>
/// One import posted over HTTP: queued, then run by <see cref="ImportJobs"/> through the import library, as the command
/// line's are; its progress (bytes read of the upload) and, once done, the report. The upload waits in
/// <paramref name="upload"/>, deleted when the job is done. Kept in memory for <see cref="ImportJobs.Retention"/>.
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

    /// <summary><c>queued</c>, <c>running</c>, <c>succeeded</c>, <c>invalid</c> (nothing written) or <c>failed</c>.</summary>
    public string State { get; set; } = "queued";

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
        report = Result is null ? null : ImportReport.Of(Result, options),
        links = new[] { new { href = self, rel = "self", type = "application/json" } },
    };
}
