using System.Text;
using Npgsql;

namespace LandInventory.GisApi.Tests.Editing;

/// <summary>
/// A job whose instance is gone — left <c>running</c> with no session holding its lock, as a crashed or killed instance
/// leaves it — is queued again and run by an instance that is alive; one begun as often as a job may be is failed,
/// saying so, and its upload goes. Never left running for ever, never lost silently.
/// </summary>
public sealed class ImportRecoveryTests(EditableApi api) : IClassFixture<EditableApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A job as an instance that died mid-run leaves it: running, begun <paramref name="attempts"/> times, its upload waiting.</summary>
    private async Task<string> LeftRunningAsync(string prefix, int attempts, string? id = null)
    {
        id ??= Guid.NewGuid().ToString("N");
        var upload = Encoding.UTF8.GetBytes(Requests.ParcelCopies(prefix, 50));
        await using var connection = new NpgsqlConnection(api.Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO import_uploads (upload, seq, data) VALUES (@id, 0, @data);
            INSERT INTO import_jobs (id, owner, every_bureau, state, layer, mode, dry_run, skip_invalid, survey_tolerance_m,
                source_name, upload, stored, bytes, bytes_read, attempts, run_by, started_at)
            VALUES (@id, 'admin:recovery', true, 'running', 'parcels', 'upsert', false, false, 0.01,
                'gone.geojson', @id, @length, @length, @length / 3, @attempts, 'gone-host:1:dead', now())
            """, connection);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("data", upload);
        insert.Parameters.AddWithValue("length", (long)upload.Length);
        insert.Parameters.AddWithValue("attempts", attempts);
        await insert.ExecuteNonQueryAsync(Ct);
        return id;
    }

    [Fact]
    public async Task AJobOfAGoneInstance_IsRunAgain_ThenFailedOnceBegunAsOftenAsAJobMayBe()
    {
        var again = await LeftRunningAsync("GONE-A", attempts: 1);
        var given = await LeftRunningAsync("GONE-B", attempts: GisApi.Importing.ImportRunner.Attempts);
        var admin = api.Admin("recovery");

        var rerun = await Requests.FinishedAsync(admin, new Uri($"/imports/{again}", UriKind.Relative));
        Assert.Equal("succeeded", rerun.GetProperty("state").GetString());
        Assert.Equal(2, rerun.GetProperty("attempts").GetInt32());
        Assert.Equal("gone.geojson", rerun.GetProperty("report").GetProperty("layers")[0].GetProperty("file").GetString());
        Assert.Equal(50L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM land_parcels WHERE code LIKE 'GONE-A-%'"));

        var failed = await Requests.FinishedAsync(admin, new Uri($"/imports/{given}", UriKind.Relative));
        Assert.Equal("failed", failed.GetProperty("state").GetString());
        Assert.Contains("its instance stopped before it finished; nothing was written", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM land_parcels WHERE code LIKE 'GONE-B-%'"));
        Assert.Equal(0L, await api.Database.ScalarAsync<long>($"SELECT count(*) FROM import_uploads WHERE upload IN ('{again}', '{given}')"));
    }

    [Fact]
    public async Task AJobRunning_IsNotTakenFromItsLivingInstance()
    {
        // The lock its runner holds is what says it runs: held here by a session that stays, the job is left alone.
        var held = Guid.NewGuid().ToString("N");
        // Unpooled: closing it ends its session, as an instance's end does (a pooled one would keep the lock idle in the pool).
        await using var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(api.Database.ConnectionString) { Pooling = false }.ConnectionString);
        await holder.OpenAsync(Ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended('landinventory-import-job:' || @id, 0))", holder))
        {
            take.Parameters.AddWithValue("id", held);
            await take.ExecuteNonQueryAsync(Ct);
        }

        await LeftRunningAsync("HELD", attempts: 1, held); // locked before any sweep can see it

        var admin = api.Admin("recovery");
        await Task.Delay(GisApi.Importing.ImportRunner.PollInterval * 2, Ct); // two sweeps
        var job = await Requests.JsonAsync(await admin.GetAsync($"/imports/{held}", Ct));
        Assert.Equal("running", job.GetProperty("state").GetString());
        Assert.Equal(1, job.GetProperty("attempts").GetInt32());

        await holder.CloseAsync(); // the instance goes: its session, and the lock with it
        Assert.Equal("succeeded", (await Requests.FinishedAsync(admin, new Uri($"/imports/{held}", UriKind.Relative))).GetProperty("state").GetString());
    }
}
