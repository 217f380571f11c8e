using LandInventory.Data;
using LandInventory.Data.Jobs;
using LandInventory.GisApi.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LandInventory.GisApi.Importing;

/// <summary>
/// Admits posted imports into <c>import_jobs</c> — the upload with its job, in one transaction, only if it fits beside
/// what waits — and finds them again, from whichever instance is asked. The jobs are run by <see cref="ImportRunner"/>s.
/// </summary>
public sealed class ImportJobs(ImportSource source, IOptions<ImportsOptions> settings, ImportRunner runner)
{
    /// <summary>How long a finished job's report stays readable.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>
    /// The most a new upload of <paramref name="owner"/> may hold now: the upload limit, or less where the owner's or
    /// everyone's waiting jobs and stored uploads leave less; refused when nothing is left.
    /// </summary>
    public async Task<long> RoomAsync(string owner, CancellationToken ct)
    {
        await using var connection = await source.DataSource.OpenConnectionAsync(ct);
        return Room(await LoadAsync(connection, owner, ct));
    }

    /// <summary>What waits or runs, the owner's and everyone's, and the bytes of the uploads they hold.</summary>
    private sealed record Load(long Mine, long Waiting, long MineStored, long Stored);

    private static async Task<Load> LoadAsync(NpgsqlConnection connection, string owner, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(ImportJobSql.Load, connection);
        command.Parameters.AddWithValue("owner", owner);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <summary>Refused when the owner or everyone has as many jobs waiting as may wait.</summary>
    private void CheckJobs(Load load)
    {
        var limits = settings.Value;
        if (load.Mine >= limits.MaxJobsPerUser || load.Waiting >= limits.MaxJobs)
        {
            throw Busy(load.Mine >= limits.MaxJobsPerUser
                ? $"you have {load.Mine} imports waiting or running, as many as one user may (Imports:MaxJobsPerUser); poll them and post again when one is done"
                : $"{load.Waiting} imports are waiting or running, as many as the service takes (Imports:MaxJobs)");
        }
    }

    private long Room(Load load)
    {
        CheckJobs(load);
        var limits = settings.Value;
        // Kept in the database: the waiting uploads, and the dry runs' kept for a commit.
        var room = Math.Min(limits.MaxUploadBytes, Math.Min(limits.MaxStoredBytesPerUser - load.MineStored, limits.MaxStoredBytes - load.Stored));
        return room > 0 ? room : throw Busy("the uploads waiting take all the room the service gives them (Imports:MaxStoredMbPerUser, Imports:MaxStoredMb)");
    }

    /// <summary>
    /// Reads the upload from <paramref name="body"/> into the database and queues its job, if both still fit beside the
    /// others once the upload is in (two may be received at once, and the server may enforce no limit on the body): all
    /// in one transaction, so that an upload cut short or refused leaves nothing behind.
    /// </summary>
    public async Task EnqueueAsync(ImportJobRecord job, Stream body, CancellationToken ct)
    {
        await using var connection = await source.DataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        job.Stored = await ImportUploads.WriteAsync(body, connection, job.Upload, ct);
        await AdmitAsync(connection, job.Upload, ct);
        if (Room(await LoadAsync(connection, job.Owner, ct)) is var room && job.Stored > room)
        {
            throw TooLarge(room);
        }

        await using (var insert = new NpgsqlCommand(ImportJobSql.Insert, connection))
        {
            var p = insert.Parameters;
            p.AddWithValue("id", job.Id);
            p.AddWithValue("owner", job.Owner);
            p.AddWithValue("steward", (object?)job.Steward ?? DBNull.Value);
            p.AddWithValue("every", job.EveryBureau);
            p.AddWithValue("layer", job.Layer);
            p.AddWithValue("mode", job.Mode);
            p.AddWithValue("dryRun", job.DryRun);
            p.AddWithValue("skipInvalid", job.SkipInvalid);
            p.AddWithValue("crs", (object?)job.Crs ?? DBNull.Value);
            p.AddWithValue("tolerance", job.SurveyToleranceM);
            p.AddWithValue("sourceName", job.SourceName);
            p.AddWithValue("format", (object?)job.Format ?? DBNull.Value);
            p.AddWithValue("sourceTable", (object?)job.SourceTable ?? DBNull.Value);
            p.AddWithValue("mappingName", (object?)job.MappingName ?? DBNull.Value);
            p.AddWithValue("mappingBody", (object?)job.MappingBody ?? DBNull.Value);
            p.AddWithValue("stored", job.Stored);
            await insert.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        runner.Wake();
    }

    /// <summary>
    /// Commits a reviewed dry run: a new job over the same upload, which writes only if the layer is still at the version
    /// the dry run saw — else it writes nothing and reports the new difference (<c>stale</c>), to be reviewed and committed.
    /// </summary>
    public async Task<string> CommitAsync(ImportJob reviewed, CancellationToken ct)
    {
        var id = Guid.NewGuid().ToString("N");
        await using var connection = await source.DataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await AdmitAsync(connection, null, ct);
        CheckJobs(await LoadAsync(connection, reviewed.Owner, ct));
        await using (var take = new NpgsqlCommand(ImportJobSql.TakeReview, connection))
        {
            take.Parameters.AddWithValue("id", id);
            take.Parameters.AddWithValue("review", reviewed.Id);
            if (await take.ExecuteScalarAsync(ct) is null)
            {
                throw new RequestRefusedException(Refusal.Conflict, "Not a reviewable import",
                    reviewed.Row.CommittedBy is { } by
                        ? $"this review is committed already, by job {by}"
                        : "only a dry run that found no problem (or a stale commit's new difference) can be committed; post the file with dryRun=true first");
            }
        }

        await using (var insert = new NpgsqlCommand(ImportJobSql.InsertCommit, connection))
        {
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("review", reviewed.Id);
            await insert.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        runner.Wake();
        return id;
    }

    /// <summary>
    /// Takes the admission lock (to the transaction's end); with the <paramref name="upload"/> of a new job, forgets what is
    /// past its retention, but that upload.
    /// </summary>
    private static async Task AdmitAsync(NpgsqlConnection connection, string? upload, CancellationToken ct)
    {
        await using (var admission = new NpgsqlCommand(ImportJobSql.LockAdmission, connection))
        {
            await admission.ExecuteNonQueryAsync(ct);
        }

        if (upload is not null)
        {
            await using var forget = new NpgsqlCommand(ImportJobSql.Forget, connection);
            forget.Parameters.AddWithValue("retention", Retention);
            forget.Parameters.AddWithValue("upload", upload);
            await forget.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>An upload beyond <paramref name="room"/>: the upload limit, or the room left beside the waiting uploads.</summary>
    public RequestRefusedException TooLarge(long room) => new(Refusal.TooLarge, "The file is too large",
        room < settings.Value.MaxUploadBytes
            ? $"the room left for uploads waiting is {room / 1024 / 1024} MB now (Imports:MaxStoredMbPerUser, Imports:MaxStoredMb)"
            : $"an import may have at most {settings.Value.MaxUploadMb} MB (Imports:MaxUploadMb)");

    private static RequestRefusedException Busy(string detail) => new(Refusal.Busy, "Too many imports waiting", detail);

    /// <summary>The job of that id, whoever posted it and whichever instance runs it; none when there is none (or it was forgotten).</summary>
    public static async Task<ImportJob?> FindAsync(InventoryDbContext db, string id, CancellationToken ct) =>
        await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, ct) is { } row ? new ImportJob(row) : null;
}
