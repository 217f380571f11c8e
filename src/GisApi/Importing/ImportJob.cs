using System.Text.Json;
using LandInventory.Data.Jobs;
using LandInventory.Data.Spatial;
using LandInventory.Import;
using LandInventory.Import.Formats;
using LandInventory.Import.Mapping;

namespace LandInventory.GisApi.Importing;

/// <summary>
/// One import posted over HTTP, as its row in <c>import_jobs</c> holds it: queued, then run by whichever instance's
/// <see cref="ImportRunner"/> claims it, through the import library as the command line's are; its progress (bytes read
/// of the upload) and, once done, the report. Kept for <see cref="ImportJobs.Retention"/> after it finished.
/// </summary>
public sealed class ImportJob(ImportJobRecord row)
{
    public ImportJobRecord Row => row;

    public string Id => row.Id;

    /// <summary>Who posted it (the history's actor name): only they and admins may read it.</summary>
    public string Owner => row.Owner;

    public ImportLayer Layer => ImportLayers.Find(row.Layer)
        ?? throw new InvalidOperationException($"import job {row.Id} names no layer the service knows ({row.Layer})");

    /// <summary>The SQL twin of <see cref="Reviewable"/> (ImportJobSql).</summary>
    public bool Reviewable => row.CommittedBy is null && row.FinishedAt is not null
        && ((row.DryRun && row.State == "succeeded") || row.State == "stale");

    /// <summary>The run's options, as they were asked and scoped to the poster's bureau; the unpacking bound is the running instance's.</summary>
    public ImportOptions Options(long maxUnpackedBytes) => new(
        ImportModes.Parse(row.Mode) ?? ImportMode.Upsert, row.DryRun, row.SkipInvalid,
        row.Crs is null ? null : CoordinateSystem.Parse(row.Crs), CollectDiff: true, Actor: row.Owner, Steward: row.Steward,
        EveryBureau: row.EveryBureau, SurveyToleranceM: row.SurveyToleranceM, MaxUnpackedBytes: maxUnpackedBytes);

    /// <summary>
    /// The input to read from <paramref name="file"/>, where the runner copied the upload; named as the client named it,
    /// in the format it said or its name says, else the one its content looks like.
    /// </summary>
    public ImportInput Input(string file) => ImportInput.FromFile(file, Layer) is var input ? input with
    {
        Name = row.SourceName,
        Format = row.Format is null ? input.Format : Enum.Parse<SourceFormat>(row.Format),
        Table = row.SourceTable,
        Mapping = row.MappingName is null ? null
            : row.MappingBody is null ? FieldMapping.BuiltInNamed(row.MappingName) : FieldMapping.Parse(row.MappingBody, row.MappingName, Layer),
    } : throw new InvalidOperationException();

    /// <summary>The job as its status document.</summary>
    public object Describe(string self) => new
    {
        id = row.Id,
        state = row.State,
        layer = row.Layer,
        mode = row.Mode,
        dryRun = row.DryRun,
        skipInvalid = row.SkipInvalid,
        crs = row.Crs is null ? null : CoordinateSystem.Parse(row.Crs).Name,
        createdAt = row.CreatedAt,
        startedAt = row.StartedAt,
        finishedAt = row.FinishedAt,
        progress = new
        {
            bytesRead = row.BytesRead, bytes = row.Bytes, percent = row.Bytes == 0 ? 0 : Math.Round(100.0 * row.BytesRead / row.Bytes, 1),
            updatedAt = row.ProgressAt,
        },
        attempts = row.Attempts,
        error = row.Error,
        basis = row.Basis,
        reviewOf = row.ReviewOf,
        committedBy = row.CommittedBy,
        report = row.Report is null ? (JsonElement?)null : JsonDocument.Parse(row.Report).RootElement,
        links = new[] { (self, "self"), ($"{self}/commit", "commit") }.Take(Reviewable ? 2 : 1)
            .Select(l => new { href = l.Item1, rel = l.Item2, type = "application/json" }),
    };
}
