using LandInventory.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using LandInventory.GisApi.Ogc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LandInventory.GisApi.Health;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealth)
            .WithName("GetHealth")
            .WithSummary("Service and database status, with the number of features per layer")
            .WithDescription("200 when the database answers, has PostGIS and its schema is current; 503 otherwise.")
            .WithTags("Health")
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/health/ready", GetHealth).WithName("GetReadiness").WithTags("Health")
            .WithSummary("Readiness: 200 while the service can answer (database up, schema current), else 503 — take it out of rotation")
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/health/live", () => TypedResults.Ok(new { status = "alive" })).WithName("GetLiveness").WithTags("Health")
            .WithSummary("Liveness: 200 while the process serves requests, whatever the database does — restart it only when this fails");
        return app;
    }

    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> GetHealth(
        InventoryDbContext db, CancellationToken ct)
    {
        try
        {
            var postGis = await db.Database.SqlQuery<string>($"SELECT postgis_full_version() AS \"Value\"").SingleAsync(ct);
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
            {
                return Unavailable(new DatabaseHealth("schema-outdated", postGis, pending,
                    "migrations not applied: run the importer once (it applies pending migrations first)"));
            }

            var counts = new Dictionary<string, int>();
            foreach (var layer in FeatureLayers.All)
            {
                counts[layer.Id] = await layer.CountAsync(db, ct);
            }

            return TypedResults.Ok(new HealthReport("healthy", new DatabaseHealth("up", postGis, pending, null), counts));
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The reason without the connection string or SQL: what an operator needs to act on.
            return Unavailable(new DatabaseHealth("down", null, [], e.GetBaseException().Message));
        }
    }

    private static JsonHttpResult<HealthReport> Unavailable(DatabaseHealth database) =>
        TypedResults.Json(new HealthReport("unhealthy", database, null), statusCode: StatusCodes.Status503ServiceUnavailable);
}
