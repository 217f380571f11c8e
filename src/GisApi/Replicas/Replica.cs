using LandInventory.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace LandInventory.GisApi.Replicas;

/// <summary>
/// One streaming replica of the database: its pool of contexts (reads), its own connection for the monitor's question,
/// and what the monitor last saw — whether it answers as a standby, and how far it has replayed the primary's log.
/// </summary>
public sealed class Replica : IAsyncDisposable
{
    public Replica(int index, string connectionString)
    {
        Name = $"replica-{index + 1}";
        Reads = InventoryDatabase.CreateDataSource(connectionString, $"{InventoryDatabase.PoolName}-{Name}");
        var options = new DbContextOptionsBuilder<InventoryDbContext>();
        options.UseInventory(Reads);
        Contexts = new PooledDbContextFactory<InventoryDbContext>(options.Options);
        // A host that does not answer must not hold up the look at the others.
        Probe = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Timeout = ProbeTimeoutSeconds }.ConnectionString);
    }

    /// <summary>How long the monitor waits for a connection: a second's look must not wait fifteen.</summary>
    public const int ProbeTimeoutSeconds = 2;

    /// <summary>How readiness and the logs name it: its place in the list, never its host (operators have the configuration).</summary>
    public string Name { get; }

    public IDbContextFactory<InventoryDbContext> Contexts { get; }

    /// <summary>The reads' connections to it: let go of when it went away, so that none of them is a dead one (<see cref="Forget"/>).</summary>
    public NpgsqlDataSource Reads { get; }

    /// <summary>After it stopped or came back: its idle connections lead to a server that is gone; new ones are opened.</summary>
    public void Forget()
    {
        Reads.Clear();
        Probe.Clear();
    }

    /// <summary>The monitor's connection to it.</summary>
    public NpgsqlDataSource Probe { get; }

    private volatile ReplicaState? _state;

    /// <summary>What the monitor last saw; none before its first look.</summary>
    public ReplicaState? State
    {
        get => _state;
        set => _state = value;
    }

    /// <summary>Serves reads: it answered as a standby at the last look.</summary>
    public bool Up => State is { Up: true };

    /// <summary>It has replayed the primary's log up to <paramref name="position"/>: a read after that commit sees it.</summary>
    public bool HasReplayed(NpgsqlLogSequenceNumber position) => State is { Up: true, Replayed: { } replayed } && replayed >= position;

    public async ValueTask DisposeAsync()
    {
        await Probe.DisposeAsync();
        await Reads.DisposeAsync();
    }
}

/// <summary>
/// A replica at one look: up (answering, in recovery), how far it replayed, how many bytes of the primary's log it has
/// yet to replay (none when the primary did not answer), when its last replayed transaction committed, and if down, why.
/// </summary>
public sealed record ReplicaState(bool Up, NpgsqlLogSequenceNumber? Replayed, long? LagBytes, DateTimeOffset? ReplayedCommitAt,
    DateTimeOffset CheckedAt, string? Error);
