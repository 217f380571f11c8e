using Npgsql;
using NpgsqlTypes;

namespace LandInventory.GisApi.Replicas;

/// <summary>
/// Looks at every replica each second: does it answer, as a standby, and how far has it replayed the primary's log (and
/// how far behind the primary's position that is). A replica that does not answer is left out of the reads until it
/// answers again; one that answers but is no standby (promoted, or misconfigured) too — it would not follow the primary.
/// </summary>
public sealed class ReplicaMonitor(DatabaseRoute route, ILogger<ReplicaMonitor> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private const string StandbySql = "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn(), pg_last_xact_replay_timestamp()";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (route.Replicas.Count == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        do
        {
            await LookAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One look at the primary's position and every replica; a change of state is logged, and the pool let go of.</summary>
    private async Task LookAsync(CancellationToken ct)
    {
        var written = await PrimaryPositionAsync(ct);
        if (route.PrimaryUp != written is not null)
        {
            route.PrimaryUp = written is not null;
            route.PrimarySource.Clear(); // its idle connections lead to a server that went away
            logger.Log(route.PrimaryUp ? LogLevel.Information : LogLevel.Warning, "The primary database is {State}",
                route.PrimaryUp ? "back" : "not answering: writes answer 503, anonymous reads go to the replicas");
        }

        foreach (var replica in route.Replicas)
        {
            var was = replica.State;
            var now = await LookAsync(replica, written, ct);
            replica.State = now;
            if (was?.Up != now.Up)
            {
                replica.Forget();
                logger.Log(now.Up ? LogLevel.Information : LogLevel.Warning, "Read replica {Replica} is {State}{Why}",
                    replica.Name, now.Up ? "serving reads" : "left out of the reads", now.Error is null ? "" : $": {now.Error}");
            }
        }
    }

    private static async Task<ReplicaState> LookAsync(Replica replica, NpgsqlLogSequenceNumber? written, CancellationToken ct)
    {
        try
        {
            await using var connection = await replica.Probe.OpenConnectionAsync(ct);
            await using var command = new NpgsqlCommand(StandbySql, connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            if (!reader.GetBoolean(0))
            {
                return new(false, null, null, null, DateTimeOffset.UtcNow, "it is not a standby (pg_is_in_recovery() is false)");
            }

            var replayed = reader.IsDBNull(1) ? (NpgsqlLogSequenceNumber?)null : reader.GetFieldValue<NpgsqlLogSequenceNumber>(1);
            var lag = written is { } w && replayed is { } r ? ((ulong)w > (ulong)r ? (long)((ulong)w - (ulong)r) : 0) : (long?)null;
            return new(replayed is not null, replayed, lag,
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2), DateTimeOffset.UtcNow,
                replayed is null ? "it has replayed nothing yet" : null);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return new(false, null, null, null, DateTimeOffset.UtcNow, e.GetBaseException().Message);
        }
    }

    /// <summary>Where the primary's log stands; none when it does not answer (the replicas then go on serving reads).</summary>
    private async Task<NpgsqlLogSequenceNumber?> PrimaryPositionAsync(CancellationToken ct)
    {
        try
        {
            return await route.PrimaryPositionAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            logger.LogDebug(e, "The primary did not say where its log stands");
            return null;
        }
    }
}
