using LandInventory.Importer;
using LandInventory.Importer.Writing;

namespace LandInventory.GisApi.Importing;

/// <summary>
/// One import posted over HTTP: queued, then run by <see cref="ImportJobs"/> with the command line's code; its progress
/// (bytes read of the file) and, once done, the importer's report. Kept in memory for <see cref="ImportJobs.Retention"/>.
/// </summary>
public sealed class ImportJob(string id, string owner, Layer target, string upload, ImportOptions options)
    : IImportProgress
{
    public string Id => id;

    /// <summary>Who posted it (the history's actor name): only they and admins may read it.</summary>
    public string Owner => owner;

    public Layer Layer => target;

    public string File => upload;

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

    public void Started(Layer layer, string file, long length) => Bytes = length;

    public void Advanced(long position) => BytesRead = position;

    public void Finished(LayerResult result) => BytesRead = Bytes;

    /// <summary>The job as its status document.</summary>
    public object Describe(string self) => new
    {
        id,
        state = State,
        layer = target.Name(),
        mode = options.Mode.ToString().ToLowerInvariant(),
        dryRun = options.DryRun,
        skipInvalid = options.SkipInvalid,
        crs = options.Crs?.Name,
        createdAt = CreatedAt,
        startedAt = StartedAt,
        finishedAt = FinishedAt,
        progress = new { bytesRead = BytesRead, bytes = Bytes, percent = Bytes == 0 ? 0 : Math.Round(100.0 * BytesRead / Bytes, 1) },
        error = Error,
        report = Result is null ? null : Importer.Terminal.Summary.Report(options.DryRun, options.Mode, Result, fileNamesOnly: true),
        links = new[] { new { href = self, rel = "self", type = "application/json" } },
    };
}
