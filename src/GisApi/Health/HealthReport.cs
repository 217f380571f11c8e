namespace LandInventory.GisApi.Health;

/// <summary>What <c>GET /health</c> answers: the service's state, the database's, and how much inventory it holds.</summary>
public sealed record HealthReport(string Status, DatabaseHealth Database, IReadOnlyDictionary<string, int>? Counts);

public sealed record DatabaseHealth(string Status, string? PostGis, IReadOnlyList<string> PendingMigrations, string? Error);

