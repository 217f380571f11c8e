using System.Collections.Concurrent;
using System.Threading.Channels;
using LandInventory.GisApi.Editing;
using LandInventory.Import;
using Npgsql;

namespace LandInventory.GisApi.Importing;

/// <summary>
/// Runs posted imports one after another in the background (imports of one layer would wait for each other's locks
/// anyway), with the same code, checks and all-or-nothing transaction as the command line. Jobs live in memory: a
/// restart forgets them, and a job cut short by it has written nothing (its transaction never committed).
/// </summary>
public sealed class ImportJobs(ImportSource source, ILogger<ImportJobs> logger) : BackgroundService
{
    /// <summary>How long a finished job's report stays readable.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly Channel<ImportJob> _queue = Channel.CreateUnbounded<ImportJob>();
    private readonly ConcurrentDictionary<string, ImportJob> _jobs = new();

    public void Enqueue(ImportJob job)
    {
        Forget();
        _jobs[job.Id] = job;
        _queue.Writer.TryWrite(job);
    }

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
            job.Result = await new ImportRun(source.DataSource, job.Options, job).RunAsync([job.Input], ct);
            job.State = job.Result.Written || (job.Options.DryRun && job.Result.Problems.Total == 0) ? "succeeded" : "invalid";
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
            File.Delete(job.File);
        }
    }

    private void Forget()
    {
        foreach (var (id, job) in _jobs)
        {
            if (job.FinishedAt < DateTimeOffset.UtcNow - Retention)
            {
                _jobs.TryRemove(id, out _);
            }
        }
    }
}
