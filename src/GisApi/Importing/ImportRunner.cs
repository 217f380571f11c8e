using System.Text.Json;
using System.Threading.Channels;
using LandInventory.Data;
using LandInventory.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LandInventory.GisApi.Importing;

/// <summary>
/// Runs queued imports, one at a time on each instance (imports of one layer would wait for each other's locks anyway),
/// whichever instance queued them: claims the oldest, copies its upload from the database to a private file, runs it
/// with the same code, checks and all-or-nothing transaction as the command line, says how far it is every second and
/// writes the end. A job whose instance is gone (its lock is free) is queued again, or failed once
/// <see cref="Attempts"/> instances began it; a job this instance gives up as it stops is queued again. Either way a
/// run cut short wrote nothing: its transaction never committed.
/// </summary>
public sealed class ImportRunner(ImportSource source, IServiceScopeFactory scopes, IOptions<ImportsOptions> settings,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<ImportRunner> logger) : BackgroundService
{
    /// <summary>How often an instance looks for work queued elsewhere, and for jobs of instances that are gone.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    /// <summary>How many instances may begin a job before, all of them gone before its end, it is failed (it may be what stops them).</summary>
    public const int Attempts = 2;

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Who runs a job, for operators reading <c>import_jobs</c>: the host, the process, and this runner of it.</summary>
    private readonly string _me = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A job was queued here: look now rather than at the next poll.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The claims' locks live in this connection's session, each from its claim to its job's end.
        NpgsqlConnection? connection = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await SweepAsync(stoppingToken);
                    connection ??= await source.DataSource.OpenConnectionAsync(stoppingToken);
                    while (await ClaimAsync(connection, stoppingToken) is { } id)
                    {
                        await RunAsync(connection, id, stoppingToken);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database may be away a while: look again at the next poll, on a new connection. An exception
                    // escaping a hosted service would stop the host.
                    logger.LogWarning(e, "Import runner could not reach its jobs; it looks again in {Seconds} s", PollInterval.TotalSeconds);
                    await ReleaseAsync(connection);
                    connection = null;
                }

                await WaitAsync(stoppingToken);
            }
        }
        finally
        {
            await ReleaseAsync(connection);
        }
    }

    /// <summary>Until the poll interval has passed or this instance queued a job.</summary>
    private async Task WaitAsync(CancellationToken stoppingToken)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        poll.CancelAfter(PollInterval);
        try
        {
            await _wake.Reader.WaitToReadAsync(poll.Token);
            _wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The runner's connection back to the pool, holding no claim (a pooled session keeps its advisory locks).</summary>
    private static async Task ReleaseAsync(NpgsqlConnection? connection)
    {
        if (connection is null)
        {
            return;
        }

        try
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // A broken connection holds nothing: its session ended.
        }

        await connection.DisposeAsync();
    }

    private async Task SweepAsync(CancellationToken ct)
    {
        await using var connection = await source.DataSource.OpenConnectionAsync(ct);
        var failed = new List<string>();
        await using (var sweep = new NpgsqlCommand(ImportJobSql.Sweep, connection))
        {
            sweep.Parameters.AddWithValue("attempts", Attempts);
            sweep.Parameters.AddWithValue("error", $"the import was begun {Attempts} times and each time its instance stopped before it finished; nothing was written");
            await using var reader = await sweep.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                logger.LogWarning("Import job {Job}: its instance is gone; {State}", reader.GetString(0), reader.GetString(1) == "queued" ? "queued again" : "failed");
                if (reader.GetString(1) == "failed")
                {
                    failed.Add(reader.GetString(2));
                }
            }
        }

        foreach (var upload in failed)
        {
            await using var drop = new NpgsqlCommand(ImportJobSql.DropUnheldUpload, connection);
            drop.Parameters.AddWithValue("upload", upload);
            await drop.ExecuteNonQueryAsync(ct);
        }
    }

    private async Task<string?> ClaimAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var claim = new NpgsqlCommand(ImportJobSql.Claim, connection);
        claim.Parameters.AddWithValue("runBy", _me);
        return (string?)await claim.ExecuteScalarAsync(ct);
    }

    private async Task RunAsync(NpgsqlConnection connection, string id, CancellationToken stopping)
    {
        ImportJob job;
        await using (var scope = scopes.CreateAsyncScope())
        {
            job = new ImportJob(await scope.ServiceProvider.GetRequiredService<InventoryDbContext>().ImportJobs.AsNoTracking()
                .SingleAsync(j => j.Id == id, stopping));
        }

        var file = Path.Combine(Path.GetTempPath(), $"landinventory-import-{id}");
        var progress = new Progress(job.Row.Bytes);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var reporting = ReportAsync(connection, id, progress, run);
        End? end;
        try
        {
            await ImportUploads.ReadAsync(source.DataSource, job.Row.Upload, file, run.Token);
            end = await ImportAsync(job, file, progress, run.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            end = null; // given up as the instance stops
        }
        catch (Exception e) when (!run.IsCancellationRequested)
        {
            // Whatever failed, the job says so and the runner goes on.
            logger.LogError(e, "Import job {Job} failed", id);
            end = new End("failed", null, e is NpgsqlException or TimeoutException
                ? "the database failed during the import; nothing was written"
                : "the import could not complete; nothing was written", null);
        }
        finally
        {
            File.Delete(file);
            await run.CancelAsync();
            await reporting;
        }

        try
        {
            await EndAsync(connection, job, end);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The claim's connection broke (and its claim with it): the end is written on another, unless another
            // instance has queued or taken the job meanwhile; the runner then starts on a new connection.
            await using var other = await source.DataSource.OpenConnectionAsync(CancellationToken.None);
            await EndAsync(other, job, end);
            throw;
        }
    }

    /// <summary>Writes the end (or, given up as the instance stops, queues the job again), even as the instance stops.</summary>
    private async Task EndAsync(NpgsqlConnection connection, ImportJob job, End? end)
    {
        await using var finish = new NpgsqlCommand(end is null ? ImportJobSql.Requeue : ImportJobSql.Finish, connection);
        finish.Parameters.AddWithValue("id", job.Id);
        finish.Parameters.AddWithValue("runBy", _me);
        if (end is not null)
        {
            finish.Parameters.AddWithValue("state", end.State);
            finish.Parameters.AddWithValue("report", (object?)end.Report ?? DBNull.Value);
            finish.Parameters.AddWithValue("error", (object?)end.Error ?? DBNull.Value);
            finish.Parameters.AddWithValue("basis", (object?)end.Basis ?? DBNull.Value);
            finish.Parameters.AddWithValue("upload", job.Row.Upload);
        }

        await finish.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>How a run ended: its state, the report (JSON), why it failed, the layer version it saw.</summary>
    private sealed record End(string State, string? Report, string? Error, long? Basis);

    private async Task<End> ImportAsync(ImportJob job, string file, Progress progress, CancellationToken ct)
    {
        var options = job.Options(settings.Value.MaxUnpackedBytes);
        long? basis = null;
        var input = job.Input(file);
        Task Basis(NpgsqlConnection c, long? expected, CancellationToken t) =>
            ImportBasis.CheckAsync(c, input.Layer, expected, seen => basis = seen, t);
        try
        {
            var result = await new ImportRun(source.DataSource, options, progress, (c, t) => Basis(c, job.Row.ExpectedBasis, t)).RunAsync([input], ct);
            var state = result.Written || (options.DryRun && result.Problems.Total == 0) ? "succeeded" : "invalid";
            return new End(state, Report(result, options), null, basis);
        }
        catch (ImportBasis.StaleException)
        {
            // Someone changed the layer since the review: nothing was written. What the file would do now is the report.
            var now = options with { DryRun = true };
            var result = await new ImportRun(source.DataSource, now, progress, (c, t) => Basis(c, null, t)).RunAsync([input], ct);
            return new End(result.Problems.Total == 0 ? "stale" : "invalid", Report(result, now), null, basis);
        }
    }

    private string Report(ImportResult result, ImportOptions options) =>
        JsonSerializer.Serialize(ImportReport.Of(result, options), json.Value.SerializerOptions);

    /// <summary>Every second, how far the run is; if that cannot be said, the run is stopped (its claim went with the connection).</summary>
    private static async Task ReportAsync(NpgsqlConnection connection, string id, Progress progress, CancellationTokenSource run)
    {
        using var timer = new PeriodicTimer(ProgressInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(run.Token))
            {
                await using var update = new NpgsqlCommand(ImportJobSql.Progress, connection);
                update.Parameters.AddWithValue("id", id);
                update.Parameters.AddWithValue("bytes", progress.Bytes);
                update.Parameters.AddWithValue("read", progress.Read);
                await update.ExecuteNonQueryAsync(run.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            await run.CancelAsync();
        }
    }

    /// <summary>The bytes read of the upload, as the import library reports them.</summary>
    private sealed class Progress(long bytes) : IImportProgress
    {
        private long _bytes = bytes;
        private long _read;

        public long Bytes => Interlocked.Read(ref _bytes);

        public long Read => Interlocked.Read(ref _read);

        public void Started(ImportLayer layer, string file, long length) => Interlocked.Exchange(ref _bytes, length);

        public void Advanced(long position) => Interlocked.Exchange(ref _read, position);

        public void Finished(Import.Writing.LayerResult result) => Interlocked.Exchange(ref _read, Bytes);
    }
}
