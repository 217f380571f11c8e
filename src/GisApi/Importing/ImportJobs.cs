using System.Collections.Concurrent;
using System.Threading.Channels;
using LandInventory.GisApi.Editing;
using LandInventory.GisApi.Errors;
using LandInventory.Import;
using Npgsql;

namespace LandInventory.GisApi.Importing;

/// <summary>
/// Runs posted imports one after another in the background (imports of one layer would wait for each other's locks
/// anyway), with the same code, checks and all-or-nothing transaction as the command line. Jobs live in memory: a
/// restart forgets them, and a job cut short by it has written nothing (its transaction never committed).
/// </summary>
public sealed class ImportJobs(ImportSource source, Microsoft.Extensions.Options.IOptions<ImportsOptions> settings,
    ILogger<ImportJobs> logger) : BackgroundService
{
    /// <summary>How long a finished job's report stays readable.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly Channel<ImportJob> _queue = Channel.CreateUnbounded<ImportJob>();
    private readonly ConcurrentDictionary<string, ImportJob> _jobs = new();

    private readonly Lock _admission = new();

    /// <summary>
    /// The most a new upload of <paramref name="owner"/> may hold now: the upload limit, or less where the owner's or
    /// everyone's waiting jobs and stored uploads leave less; refused when nothing is left.
    /// </summary>
    public long Room(string owner)
    {
        var limits = settings.Value;
        lock (_admission)
        {
            var waiting = Waiting();
            var mine = waiting.Where(j => j.Owner == owner).ToList();
            if (mine.Count >= limits.MaxJobsPerUser || waiting.Count >= limits.MaxJobs)
            {
                throw Busy(mine.Count >= limits.MaxJobsPerUser
                    ? $"you have {mine.Count} imports waiting or running, as many as one user may (Imports:MaxJobsPerUser); poll them and post again when one is done"
                    : $"{waiting.Count} imports are waiting or running, as many as the service takes (Imports:MaxJobs)");
            }

            // On disk: the waiting uploads, and the dry runs' kept for a commit.
            var held = Holding();
            var room = Math.Min(limits.MaxUploadBytes,
                Math.Min(limits.MaxStoredBytesPerUser - held.Where(j => j.Owner == owner).Sum(j => j.Stored), limits.MaxStoredBytes - held.Sum(j => j.Stored)));
            return room > 0 ? room : throw Busy("the uploads waiting on disk take all the room the service gives them (Imports:MaxStoredMbPerUser, Imports:MaxStoredMb)");
        }
    }

    /// <summary>
    /// Queues the job if it and its upload still fit beside the others: the limit on the request body stops a large
    /// upload early where the server enforces one, and two uploads may have been received at once.
    /// </summary>
    public void Enqueue(ImportJob job)
    {
        lock (_admission)
        {
            Forget();
            try
            {
                if (Room(job.Owner) is var room && job.Stored > room)
                {
                    throw TooLarge(room);
                }
            }
            catch
            {
                File.Delete(job.File);
                throw;
            }

            _jobs[job.Id] = job;
            _queue.Writer.TryWrite(job);
        }
    }

    private List<ImportJob> Waiting() => [.. _jobs.Values.Where(j => j.FinishedAt is null)];

    private List<ImportJob> Holding() => [.. _jobs.Values.Where(j => j.HoldsUpload)];

    /// <summary>
    /// Commits a reviewed dry run: a new job over the same upload, which writes only if the layer is still at the version
    /// the dry run saw — else it writes nothing and reports the new difference (<c>stale</c>), to be reviewed and committed.
    /// </summary>
    public ImportJob Commit(ImportJob reviewed)
    {
        lock (_admission)
        {
            if (!reviewed.Reviewable)
            {
                throw new RequestRefusedException(Refusal.Conflict, "Not a reviewable import",
                    reviewed.CommittedBy is { } by
                        ? $"this review is committed already, by job {by}"
                        : "only a dry run that found no problem (or a stale commit's new difference) can be committed; post the file with dryRun=true first");
            }

            var waiting = Waiting();
            if (waiting.Count(j => j.Owner == reviewed.Owner) >= settings.Value.MaxJobsPerUser || waiting.Count >= settings.Value.MaxJobs)
            {
                throw Busy("too many imports are waiting or running (Imports:MaxJobsPerUser, Imports:MaxJobs); commit again when one is done");
            }

            var job = new ImportJob(Guid.NewGuid().ToString("N"), reviewed.Owner, reviewed.Input, reviewed.File, reviewed.Options with { DryRun = false })
            {
                ReviewOf = reviewed.Id,
                ExpectedBasis = reviewed.Basis,
            };
            reviewed.CommittedBy = job.Id;
            _jobs[job.Id] = job;
            _queue.Writer.TryWrite(job);
            return job;
        }
    }

    /// <summary>An upload beyond <paramref name="room"/>: the upload limit, or the room left beside the waiting uploads.</summary>
    public RequestRefusedException TooLarge(long room) => new(Refusal.TooLarge, "The file is too large",
        room < settings.Value.MaxUploadBytes
            ? $"the room left for uploads waiting on disk is {room / 1024 / 1024} MB now (Imports:MaxStoredMbPerUser, Imports:MaxStoredMb)"
            : $"an import may have at most {settings.Value.MaxUploadMb} MB (Imports:MaxUploadMb)");

    private static RequestRefusedException Busy(string detail) => new(Refusal.Busy, "Too many imports waiting", detail);

    public ImportJob? Find(string id) => _jobs.GetValueOrDefault(id);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            await RunAsync(job, stoppingToken);
        }
    }

    private async Task RunAsync(ImportJob job, CancellationToken ct)
    {
        job.State = "running";
        job.StartedAt = DateTimeOffset.UtcNow;
        try
        {
            try
            {
                job.Result = await new ImportRun(source.DataSource, job.Options, job, (c, t) => BasisAsync(c, job, job.ExpectedBasis, t))
                    .RunAsync([job.Input], ct);
                job.State = job.Result.Written || (job.Options.DryRun && job.Result.Problems.Total == 0) ? "succeeded" : "invalid";
            }
            catch (StaleReviewException)
            {
                // Someone changed the layer since the review: nothing was written. What the file would do now is the report.
                job.Result = await new ImportRun(source.DataSource, job.Options with { DryRun = true }, job, (c, t) => BasisAsync(c, job, null, t))
                    .RunAsync([job.Input], ct);
                job.State = job.Result.Problems.Total == 0 ? "stale" : "invalid";
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Whatever failed, the job says so and the runner goes on: an exception escaping a hosted service stops the host.
            logger.LogError(e, "Import job {Job} failed", job.Id);
            job.State = "failed";
            job.Error = e is NpgsqlException or TimeoutException
                ? "the database failed during the import; nothing was written"
                : "the import could not complete; nothing was written";
        }
        finally
        {
            job.FinishedAt = DateTimeOffset.UtcNow;
            if (!job.Reviewable)
            {
                File.Delete(job.File);
            }
        }
    }

    /// <summary>
    /// Inside the run's transaction, before anything is read: the layer's version. A commit locks it (no other write of
    /// the layer commits meanwhile) and goes on only if it is the one its review saw.
    /// </summary>
    private static async Task BasisAsync(NpgsqlConnection connection, ImportJob job, long? expected, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(expected is null ? VersionSql : VersionSql + " FOR UPDATE", connection);
        command.Parameters.AddWithValue("layer", job.Input.Layer.Schema.Table);
        var version = (long)(await command.ExecuteScalarAsync(ct))!;
        job.Basis = version;
        if (expected is { } reviewed && version != reviewed)
        {
            throw new StaleReviewException();
        }
    }

    private const string VersionSql = "SELECT version FROM layer_versions WHERE layer = @layer";

    private sealed class StaleReviewException : Exception;

    private void Forget()
    {
        foreach (var (id, job) in _jobs)
        {
            if (job.FinishedAt < DateTimeOffset.UtcNow - Retention)
            {
                if (job.Reviewable)
                {
                    File.Delete(job.File); // a review nobody committed
                }

                _jobs.TryRemove(id, out _);
            }
        }
    }
}
