namespace LandInventory.GisApi.Health;

/// <summary>
/// What <c>GET /health</c> answers: the service's state (<c>healthy</c>; <c>degraded</c> while it serves reads without
/// the primary, or the primary without a replica; <c>unhealthy</c>), the primary database's, each read replica's, and how
/// much inventory it holds.
/// </summary>
public sealed record HealthReport(string Status, DatabaseHealth Database, IReadOnlyDictionary<string, int>? Counts,
    IReadOnlyList<ReplicaHealth>? Replicas = null);

public sealed record DatabaseHealth(string Status, string? PostGis, IReadOnlyList<string> PendingMigrations, string? Error);

/// <summary>
/// A read replica at the monitor's last look: <c>up</c> (serving anonymous reads) or <c>down</c> (reads go to the primary),
/// its replayed position, how many bytes of the primary's log it has yet to replay, and when its last replayed
/// transaction committed.
/// </summary>
public sealed record ReplicaHealth(string Name, string Status, string? Replayed, long? LagBytes, DateTimeOffset? ReplayedCommitAt,
    DateTimeOffset? CheckedAt, string? Error);
