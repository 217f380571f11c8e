using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace LandInventory.GisApi.Operations;

/// <summary>
/// What running the service in production needs: metrics in Prometheus format at <c>/metrics</c> (HTTP server, .NET
/// runtime and Npgsql's connection pool and commands; where operators choose, <see cref="MetricsOptions"/>), a request id on every answer and log line, and a shutdown that
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
        services.AddSettings<MetricsOptions>(MetricsOptions.Section);
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

    /// <summary>
    /// <c>/metrics</c> on the management port only — the port the request came in on, not the one its <c>Host</c> header
    /// names, which a client chooses — or to admin tokens only: the numbers describe the service's insides (pools,
    /// paths, failures), which are no public reader's business.
    /// </summary>
    public static WebApplication MapMetrics(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Port is { } port)
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(http =>
                http.Connection.LocalPort == port && http.Request.Path == "/metrics" && HttpMethods.IsGet(http.Request.Method));
        }
        else
        {
            app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Auth.AuthSetup.AdminPolicy);
        }

        return app;
    }
}
