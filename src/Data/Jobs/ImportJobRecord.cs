namespace LandInventory.Data.Jobs;

/// <summary>
/// An import posted to the API, kept in the database so that any instance may run it, any instance answers its poll, and
/// a restart loses nothing: what was asked (the layer, the options, the writer's scope, the mapping as it was resolved),
/// where it stands (state, progress, the layer version it saw) and, once done, its report. The upload it reads waits in
/// <see cref="ImportUploadChunk"/>s under <see cref="Upload"/> — a commit's is its dry run's.
/// </summary>
public class ImportJobRecord
{
    public required string Id { get; set; }

    /// <summary>Who posted it, as the history names a writer (<c>planner:bob@bureau</c>): only they and admins may read it.</summary>
    public required string Owner { get; set; }

    /// <summary>The bureau a planner's import may change; none for an admin's, which may change <see cref="EveryBureau"/>.</summary>
    public string? Steward { get; set; }

    public bool EveryBureau { get; set; }

    /// <summary><c>queued</c>, <c>running</c>, <c>succeeded</c>, <c>invalid</c>, <c>failed</c> or <c>stale</c>.</summary>
    public required string State { get; set; }

    public required string Layer { get; set; }

    public required string Mode { get; set; }

    public bool DryRun { get; set; }

    public bool SkipInvalid { get; set; }

    /// <summary>The coordinate system as the client gave it (a code, or the WKT of a .prj): read again when the job runs.</summary>
    public string? Crs { get; set; }

    public double SurveyToleranceM { get; set; }

    /// <summary>The upload's name as the client gave it (the report names it so).</summary>
    public required string SourceName { get; set; }

    /// <summary>The format the client or the upload's name said; none: the one its content looks like, told when it runs.</summary>
    public string? Format { get; set; }

    public string? SourceTable { get; set; }

    /// <summary>The mapping's name; with <see cref="MappingBody"/> a bureau's kept mapping as it was when posted, without it a built-in one.</summary>
    public string? MappingName { get; set; }

    public string? MappingBody { get; set; }

    /// <summary>The upload this job reads (its chunks' key): its own id, or for a commit its dry run's.</summary>
    public required string Upload { get; set; }

    /// <summary>The bytes of the upload, counted against the room uploads may take while they wait.</summary>
    public long Stored { get; set; }

    public long Bytes { get; set; }

    public long BytesRead { get; set; }

    public long? Basis { get; set; }

    public long? ExpectedBasis { get; set; }

    public string? ReviewOf { get; set; }

    public string? CommittedBy { get; set; }

    /// <summary>How many times an instance began it; one that stopped without finishing it leaves it to run again, up to a limit.</summary>
    public int Attempts { get; set; }

    /// <summary>The instance running it (its host name and process), for operators; that it still runs is told by its lock.</summary>
    public string? RunBy { get; set; }

    /// <summary>The importer's report, as JSON text written once (kept as written, member order and all).</summary>
    public string? Report { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When the running instance last said how far it is.</summary>
    public DateTimeOffset? ProgressAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
