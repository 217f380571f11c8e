using LandInventory.Data;
using LandInventory.GisApi.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace LandInventory.GisApi.Replicas;

/// <summary>
/// Which database a request's context reads: the primary, or a streaming replica (<c>ConnectionStrings:InventoryRead</c>).
/// A replica serves a request only when it is anonymous and reads (GET, HEAD), the replica answered at the monitor's last
/// look, and — when the client carries the position of its last write (<see cref="ReadYourWrites"/>) — the replica has
/// replayed that far; otherwise the primary serves it. Requests with credentials stay on the primary: an editor sees their
/// writes at once, and a revoked token or session is refused at once. Replicas in turn, one after another.
/// </summary>
public sealed class DatabaseRoute : IAsyncDisposable
{
    public DatabaseRoute(IOptions<DatabaseOptions> options)
    {
        PrimarySource = InventoryDatabase.CreateDataSource(options.Value.Bounded(), InventoryDatabase.PoolName);
        var contexts = new DbContextOptionsBuilder<InventoryDbContext>();
        contexts.UseInventory(PrimarySource);
        Primary = new PooledDbContextFactory<InventoryDbContext>(contexts.Options);
        _replicas = new(() => [.. options.Value.BoundedReplicas().Select((connectionString, i) => new Replica(i, connectionString))]);
        _primaryProbe = new(() => NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(options.Value.Bounded()) { Timeout = Replica.ProbeTimeoutSeconds }.ConnectionString));
    }

    private readonly Lazy<IReadOnlyList<Replica>> _replicas;

    private readonly Lazy<NpgsqlDataSource> _primaryProbe;

    private int _turn;

    /// <summary>A small pool of the primary's for the questions about its log (how far it wrote), outside any context.</summary>
    public NpgsqlDataSource PrimaryProbe => _primaryProbe.Value;

    public IReadOnlyList<Replica> Replicas => _replicas.Value;

    /// <summary>
    /// Where the primary's log stands now: the insert position, not the write position, which without synchronous commit
    /// may still stand before the last commit record.
    /// </summary>
    public async Task<NpgsqlLogSequenceNumber> PrimaryPositionAsync(CancellationToken ct)
    {
        await using var connection = await PrimaryProbe.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("SELECT pg_current_wal_insert_lsn()", connection);
        return (NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The primary's contexts, over <see cref="PrimarySource"/>.</summary>
    public IDbContextFactory<InventoryDbContext> Primary { get; }

    /// <summary>The primary's connections: let go of when it went away and came back (<see cref="ReplicaMonitor"/>).</summary>
    public NpgsqlDataSource PrimarySource { get; }

    /// <summary>Whether the primary answered at the monitor's last look (with replicas; without, it is not looked at).</summary>
    public bool PrimaryUp { get; set; } = true;

    /// <summary>The context for this request (none: work outside a request, which is the primary's).</summary>
    public InventoryDbContext CreateContext(HttpContext? http) => ReplicaFor(http)?.Contexts.CreateDbContext() ?? Primary.CreateDbContext();

    /// <summary>The replica that serves this request, if one may.</summary>
    public Replica? ReplicaFor(HttpContext? http)
    {
        if (http is null || Replicas.Count == 0 || !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            || http.Request.Headers.Authorization.Count > 0 || http.Request.Cookies.ContainsKey(AccountsSetup.SessionCookie))
        {
            return null;
        }

        var after = ReadYourWrites.PositionOf(http.Request);
        for (var tried = 0; tried < Replicas.Count; tried++)
        {
            var replica = Replicas[(int)((uint)Interlocked.Increment(ref _turn) % Replicas.Count)];
            if (after is { } position ? replica.HasReplayed(position) : replica.Up)
            {
                return replica;
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await PrimarySource.DisposeAsync();
        if (_primaryProbe.IsValueCreated)
        {
            await _primaryProbe.Value.DisposeAsync();
        }

        if (_replicas.IsValueCreated)
        {
            foreach (var replica in _replicas.Value)
            {
                await replica.DisposeAsync();
            }
        }
    }
}
