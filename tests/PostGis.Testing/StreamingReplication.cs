using Npgsql;

namespace LandInventory.PostGis.Testing;

/// <summary>
/// A primary and a streaming replica of it, both throwaway clusters of this machine's PostgreSQL, as an operator sets
/// them up (the replica made by <c>pg_basebackup -R</c>): one inventory database on the primary, <see cref="Database"/>,
/// replicated whole. Either server can be stopped outright and started again, and the replica's replay paused (its lag
/// made at will). Not from the assembly's shared server: a test that stops the primary must own it.
/// </summary>
public sealed class StreamingReplication : IAsyncDisposable
{
    private readonly LocalCluster _primary;
    private LocalCluster? _replica;

    private StreamingReplication(LocalCluster primary, string database)
    {
        _primary = primary;
        Database = database;
    }

    public string Database { get; }

    /// <summary>The database on the primary, as the tables' owner (the importer's and the tests' connection).</summary>
    public string PrimaryConnectionString => Databases.ConnectionStringFor(_primary.AdminConnectionString, Database);

    /// <summary>The same database on the replica (read only).</summary>
    public string ReplicaConnectionString => Databases.ConnectionStringFor(Replica.AdminConnectionString, Database);

    private LocalCluster Replica => _replica ?? throw new InvalidOperationException("no replica yet: call StartReplicaAsync after loading the primary");

    /// <summary>The primary, with an empty database carrying PostGIS; load it, then <see cref="StartReplicaAsync"/>.</summary>
    public static async Task<StreamingReplication> StartPrimaryAsync()
    {
        var bin = LocalCluster.FindBinaries()
                  ?? throw new InvalidOperationException("streaming replication tests need PostgreSQL and PostGIS installed (./test.sh installs them)");
        // The replica may be stopped or paused a while: the primary keeps the log it has yet to receive.
        var primary = await LocalCluster.CreateAsync(bin, "-c wal_keep_size=256MB");
        try
        {
            return new StreamingReplication(primary, await Databases.CreateAsync(primary.AdminConnectionString, null, "li_replicated"));
        }
        catch
        {
            await primary.DisposeAsync();
            throw;
        }
    }

    /// <summary>The replica: a base backup of the primary as it is now, started streaming from it; returns once it has caught up.</summary>
    public async Task StartReplicaAsync()
    {
        _replica = await LocalCluster.StandbyOfAsync(_primary);
        await CaughtUpAsync();
    }

    public Task StopPrimaryAsync() => StopAsync(_primary);

    public Task StartPrimaryAgainAsync() => _primary.StartServerAsync();

    public Task StopReplicaAsync() => StopAsync(Replica);

    public async Task StartReplicaAgainAsync()
    {
        await Replica.StartServerAsync();
        await CaughtUpAsync();
    }

    /// <summary>The replica goes on receiving the primary's log but stops applying it: it lags until resumed.</summary>
    public Task PauseReplayAsync() => OnReplicaAsync("SELECT pg_wal_replay_pause()");

    public async Task ResumeReplayAsync()
    {
        await OnReplicaAsync("SELECT pg_wal_replay_resume()");
        await CaughtUpAsync();
    }

    /// <summary>Until the replica has replayed everything the primary has written so far.</summary>
    public async Task CaughtUpAsync()
    {
        var written = await ScalarAsync<NpgsqlTypes.NpgsqlLogSequenceNumber>(_primary.AdminConnectionString, "SELECT pg_current_wal_insert_lsn()");
        for (var i = 0; i < 600; i++)
        {
            try
            {
                if (await ScalarAsync<object>(Replica.AdminConnectionString, "SELECT pg_last_wal_replay_lsn()") is NpgsqlTypes.NpgsqlLogSequenceNumber replayed
                    && replayed >= written)
                {
                    return;
                }
            }
            catch (NpgsqlException)
            {
                // still starting
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the replica did not catch up with the primary in a minute");
    }

    private static async Task StopAsync(LocalCluster cluster)
    {
        await cluster.StopServerAsync();
        NpgsqlConnection.ClearAllPools(); // connections to a server that is gone
    }

    private Task<object> OnReplicaAsync(string sql) => ScalarAsync<object>(Replica.AdminConnectionString, sql);

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_replica is not null)
        {
            await _replica.DisposeAsync();
        }

        await _primary.DisposeAsync();
    }
}
