using Microsoft.Extensions.Options;
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

    public static IServiceCollection AddInventoryOperations(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter("Npgsql")
            .AddPrometheusExporter());
        services.AddSettings<ShutdownOptions>(ShutdownOptions.Section);
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(shutdown.Value.TimeoutSeconds));
        return services;
    }

    /// <summary>
    /// The request id (ASP.NET Core's, which its log scopes carry too) on every answer, so a report can be traced: set as
    /// the answer starts, so that one the error handler writes (clearing what was set before) carries it too.
    /// </summary>
    public static WebApplication UseRequestIds(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[RequestIdHeader] = context.TraceIdentifier;
                return Task.CompletedTask;
            });
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
