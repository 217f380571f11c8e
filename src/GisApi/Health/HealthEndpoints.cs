using LandInventory.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using LandInventory.GisApi.Ogc;
using Microsoft.EntityFrameworkCore;
using LandInventory.GisApi.Replicas;
using Npgsql;

namespace LandInventory.GisApi.Health;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealth)
            .WithName("GetHealth")
            .WithSummary("Service and database status, with the number of features per layer")
            .WithDescription("200 when the database answers, has PostGIS and its schema is current — or, with read replicas, while one serves reads with the primary down (status degraded); 503 otherwise.")
            .WithTags("Health")
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/health/ready", GetHealth).WithName("GetReadiness").WithTags("Health")
            .WithSummary("Readiness: 200 while the service can answer (database up, schema current), else 503 — take it out of rotation")
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/health/live", () => TypedResults.Ok(new { status = "alive" })).WithName("GetLiveness").WithTags("Health")
            .WithSummary("Liveness: 200 while the process serves requests, whatever the database does — restart it only when this fails");
        return app;
    }

    /// <summary>
    /// The primary's state, checked now; the replicas' as the monitor last saw them. 200 while reads can be served: the
    /// primary up with its schema current, or, with the primary down, a replica up (writes then answer 503).
    /// </summary>
    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> GetHealth(DatabaseRoute route, CancellationToken ct)
    {
        var replicas = route.Replicas.Select(r => r.State is { } s
            ? new ReplicaHealth(r.Name, s.Up ? "up" : "down", s.Replayed?.ToString(), s.LagBytes, s.ReplayedCommitAt, s.CheckedAt, s.Error)
            : new ReplicaHealth(r.Name, "unknown", null, null, null, null, "not looked at yet")).ToList();
        var report = replicas.Count == 0 ? null : replicas;
        await using var db = await route.Primary.CreateDbContextAsync(ct);
        var primary = await CheckAsync(db, ct);
        if (primary.Health.Status != "up")
        {
            if (primary.Health.Status == "down" && route.Replicas.FirstOrDefault(r => r.Up) is { } serving)
            {
                await using var replica = await serving.Contexts.CreateDbContextAsync(ct);
                var read = await CheckAsync(replica, ct, migrations: false);
                if (read.Health.Status == "up")
                {
                    return TypedResults.Ok(new HealthReport("degraded", primary.Health, read.Counts, report));
                }
            }

            return TypedResults.Json(new HealthReport("unhealthy", primary.Health, null, report), statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return TypedResults.Ok(new HealthReport(replicas.All(r => r.Status == "up") ? "healthy" : "degraded", primary.Health, primary.Counts, report));
    }

    private static async Task<(DatabaseHealth Health, Dictionary<string, int>? Counts)> CheckAsync(InventoryDbContext db, CancellationToken ct,
        bool migrations = true)
    {
        try
        {
            var postGis = await db.Database.SqlQuery<string>($"SELECT postgis_full_version() AS \"Value\"").SingleAsync(ct);
            var pending = migrations ? (await db.Database.GetPendingMigrationsAsync(ct)).ToList() : [];
            if (pending.Count > 0)
            {
                return (new DatabaseHealth("schema-outdated", postGis, pending,
                    "migrations not applied: run the importer once (it applies pending migrations first)"), null);
            }

            var counts = new Dictionary<string, int>();
            foreach (var layer in FeatureLayers.All)
            {
                counts[layer.Id] = await layer.CountAsync(db, ct);
            }

            return (new DatabaseHealth("up", postGis, pending, null), counts);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The reason without the connection string or SQL: what an operator needs to act on.
            return (new DatabaseHealth("down", null, [], e.GetBaseException().Message), null);
        }
    }
}
