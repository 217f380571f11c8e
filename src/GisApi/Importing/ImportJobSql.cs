namespace LandInventory.GisApi.Importing;

/// <summary>
/// The statements that keep import jobs in <c>import_jobs</c> correct with any number of instances. That a job runs is
/// told by PostgreSQL itself, not by a clock: its runner holds a session advisory lock on the job (<see cref="Key"/>)
/// from its claim to its end, and a lock whose session ended — the instance stopped, crashed or lost the database — is
/// free. Admissions take one transaction lock, so that two instances cannot both let in the last job that fits.
/// </summary>
internal static class ImportJobSql
{
    /// <summary>The advisory lock key of the job whose id <paramref name="id"/> says (a column or a parameter).</summary>
    private static string KeyOf(string id) => $"hashtextextended('landinventory-import-job:' || {id}, 0)";

    /// <summary>A job that can be committed: a dry run without problems, or a stale commit's new difference; not yet committed.</summary>
    private const string Reviewable = "(finished_at IS NOT NULL AND committed_by IS NULL AND (state = 'stale' OR (dry_run AND state = 'succeeded')))";

    /// <summary>Jobs whose upload must be kept: waiting, running, or reviewable.</summary>
    private const string HoldsUpload = $"(finished_at IS NULL OR {Reviewable})";

    /// <summary>The upload <c>@upload</c> goes unless a job still holds it: at a run's end, and with a job failed by the sweep.</summary>
    public const string DropUnheldUpload = $"""
        DELETE FROM import_uploads u WHERE u.upload = @upload
            AND NOT EXISTS (SELECT FROM import_jobs j WHERE j.upload = @upload AND {HoldsUpload})
        """;

    /// <summary>Held to the end of the admitting transaction (the key is the namespace's, not a job's).</summary>
    public const string LockAdmission = "SELECT pg_advisory_xact_lock(hashtextextended('landinventory-import-admission', 0))";

    /// <summary>
    /// Jobs finished longer ago than <c>@retention</c> are forgotten, and the uploads no job holds any more with them — but
    /// for <c>@upload</c>, which its job, not inserted yet, is about to hold.
    /// </summary>
    public const string Forget = $"""
        DELETE FROM import_jobs WHERE finished_at < now() - @retention;
        DELETE FROM import_uploads u WHERE u.upload <> @upload
            AND NOT EXISTS (SELECT FROM import_jobs j WHERE j.upload = u.upload AND {HoldsUpload});
        """;

    /// <summary>What <c>@owner</c> and everyone have waiting or running, and the bytes of the uploads they hold.</summary>
    public const string Load = $"""
        SELECT count(*) FILTER (WHERE finished_at IS NULL AND owner = @owner),
               count(*) FILTER (WHERE finished_at IS NULL),
               coalesce(sum(stored) FILTER (WHERE owner = @owner), 0)::bigint,
               coalesce(sum(stored), 0)::bigint
        FROM import_jobs WHERE {HoldsUpload}
        """;

    /// <summary>A piece of an upload, in the transaction that queues its job.</summary>
    public const string AddChunk = "INSERT INTO import_uploads (upload, seq, data) VALUES (@upload, @seq, @data)";

    public const string Insert = """
        INSERT INTO import_jobs (id, owner, steward, every_bureau, state, layer, mode, dry_run, skip_invalid, crs,
            survey_tolerance_m, source_name, format, source_table, mapping_name, mapping_body, upload, stored, bytes,
            bytes_read, attempts, created_at)
        VALUES (@id, @owner, @steward, @every, 'queued', @layer, @mode, @dryRun, @skipInvalid, @crs,
            @tolerance, @sourceName, @format, @sourceTable, @mappingName, @mappingBody, @id, @stored, @stored, 0, 0, now())
        """;

    /// <summary>Takes a reviewable dry run (<c>@review</c>) for the commit <c>@id</c>; no row when it is not reviewable (any more).</summary>
    public const string TakeReview = $"UPDATE import_jobs SET committed_by = @id WHERE id = @review AND {Reviewable} RETURNING owner";

    /// <summary>The commit <c>@id</c> of the dry run <c>@review</c>: the same upload and request, writing, expecting the layer version the review saw.</summary>
    public const string InsertCommit = """
        INSERT INTO import_jobs (id, owner, steward, every_bureau, state, layer, mode, dry_run, skip_invalid, crs,
            survey_tolerance_m, source_name, format, source_table, mapping_name, mapping_body, upload, stored, bytes,
            bytes_read, attempts, expected_basis, review_of, created_at)
        SELECT @id, owner, steward, every_bureau, 'queued', layer, mode, false, skip_invalid, crs,
            survey_tolerance_m, source_name, format, source_table, mapping_name, mapping_body, upload, stored, stored,
            0, 0, basis, id, now()
        FROM import_jobs WHERE id = @review
        """;

    /// <summary>
    /// The oldest queued job, claimed by the runner's own connection: locked first, so that no one sees it running without
    /// its lock held; a job another instance is claiming, or sweeping, this moment is skipped.
    /// </summary>
    public static readonly string Claim = $"""
        WITH next AS (SELECT id FROM import_jobs WHERE state = 'queued' ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
        UPDATE import_jobs j SET state = 'running', attempts = j.attempts + 1, run_by = @runBy, started_at = now(),
            progress_at = now(), bytes_read = 0, error = NULL
        FROM next WHERE j.id = next.id AND pg_try_advisory_lock({KeyOf("j.id")})
        RETURNING j.id
        """;

    public const string Progress = "UPDATE import_jobs SET bytes = @bytes, bytes_read = @read, progress_at = now() WHERE id = @id";

    /// <summary>The end of a run: its state and report; the upload goes unless a job still holds it; the lock is let go.</summary>
    public static readonly string Finish = $"""
        UPDATE import_jobs SET state = @state, report = @report::json, error = @error, basis = @basis, bytes_read = bytes,
            progress_at = now(), finished_at = now()
        WHERE id = @id AND state = 'running' AND run_by = @runBy;
        {DropUnheldUpload};
        SELECT pg_advisory_unlock({KeyOf("@id")});
        """;

    /// <summary>A run this instance gave up as it stopped (nothing was written): queued again, that attempt not counted.</summary>
    public static readonly string Requeue = $"""
        UPDATE import_jobs SET state = 'queued', attempts = attempts - 1, run_by = NULL, started_at = NULL
            WHERE id = @id AND state = 'running' AND run_by = @runBy;
        SELECT pg_advisory_unlock({KeyOf("@id")});
        """;

    /// <summary>
    /// Jobs left running by an instance that is gone (their lock is free): queued again while they have attempts left,
    /// else failed, saying so — never left running for ever. The lock taken to look lasts this statement's transaction.
    /// </summary>
    public static readonly string Sweep = $"""
        WITH dead AS (
            SELECT id FROM import_jobs WHERE state = 'running' FOR UPDATE SKIP LOCKED)
        UPDATE import_jobs j SET
            state = CASE WHEN j.attempts < @attempts THEN 'queued' ELSE 'failed' END,
            error = CASE WHEN j.attempts < @attempts THEN NULL ELSE @error END,
            finished_at = CASE WHEN j.attempts < @attempts THEN NULL ELSE now() END,
            run_by = NULL
        FROM dead WHERE j.id = dead.id AND pg_try_advisory_xact_lock({KeyOf("j.id")})
        RETURNING j.id, j.state, j.upload
        """;


    /// <summary>The upload's pieces, in order.</summary>
    public const string Chunks = "SELECT data FROM import_uploads WHERE upload = @upload ORDER BY seq";
}
