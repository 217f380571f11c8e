using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LandInventory.GisApi.Http;

/// <summary>
/// Anonymous clients share the service fairly: a token bucket per client address (<c>RateLimit:PerSecond</c>, default
/// 50, bursts of <c>RateLimit:Burst</c>, default 200); beyond it 429 with <c>Retry-After</c>. Authenticated planners are
/// not limited (they are few, known, and their writes are already bounded by the database). <c>RateLimit:Enabled</c>
/// false turns it off (benchmarks, or a proxy in front that limits already).
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddInventoryRateLimits(this IServiceCollection services)
    {
        services.AddSettings<RateLimitOptions>(RateLimitOptions.Section);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, settings) =>
        {
            var (enabled, perSecond, burst) = (settings.Value.Enabled, settings.Value.PerSecond, settings.Value.Burst);
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                !enabled || context.User.Identity?.IsAuthenticated == true
                    ? RateLimitPartition.GetNoLimiter("unlimited")
                    : RateLimitPartition.GetTokenBucketLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new TokenBucketRateLimiterOptions
                        {
                            TokenLimit = burst,
                            TokensPerPeriod = perSecond,
                            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                            QueueLimit = 0,
                            AutoReplenishment = true,
                        }));
            options.OnRejected = async (rejected, ct) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                rejected.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                var problems = rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"This client sent more than {perSecond} requests a second; retry after {retryAfter} s.",
                    },
                });
            };
        });
        return services;
    }
}
