using OpenTelemetry.Metrics;

namespace LandInventory.GisApi.Operations;

/// <summary>
/// What running the service in production needs: metrics in Prometheus format at <c>/metrics</c> (HTTP server, .NET
/// runtime and Npgsql's connection pool and commands), a request id on every answer and log line, and a shutdown that
/// lets in-flight requests finish (<c>Shutdown:TimeoutSeconds</c>, default 30).
/// </summary>
public static class OperationsSetup
{
    public const string RequestIdHeader = "X-Request-Id";

    public static IServiceCollection AddInventoryOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter("Npgsql")
            .AddPrometheusExporter());
        services.Configure<HostOptions>(options =>
            options.ShutdownTimeout = TimeSpan.FromSeconds(configuration.GetValue("Shutdown:TimeoutSeconds", 30)));
        RaiseThreadPoolFloor(configuration.GetValue("ThreadPool:MinThreads", 64));
        return services;
    }

    /// <summary>
    /// ASP.NET Core OData reads a paged answer synchronously (its TruncatedCollection enumerates the query in its
    /// constructor; OData/AspNetCoreOData#775, #253), so each OData request that reaches the database holds a thread-pool
    /// thread for the query's duration. After an edit invalidates the cached OData answers, a burst of them blocked the
    /// few threads two cores start with, and the pool grows by about one thread a second: every other request queued
    /// behind them (the soak's p99 went from ~30 ms to 200–500 ms). The floor lets that many block without starving the rest.
    /// </summary>
    private static void RaiseThreadPoolFloor(int minimum)
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, minimum), io);
    }

    /// <summary>The request id (ASP.NET Core's, which its log scopes carry too) on every answer, so a report can be traced.</summary>
    public static WebApplication UseRequestIds(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.Headers[RequestIdHeader] = context.TraceIdentifier;
            return next(context);
        });
        return app;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
