using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LandInventory.GisApi.Http;

/// <summary>
/// Clients share the service fairly: a token bucket per client address for anonymous requests
/// (<c>RateLimit:PerSecond</c>, default 50, bursts of <c>RateLimit:Burst</c>, default 200), and one per token subject,
/// ten times larger, for authenticated ones (a planner's import preview or a GIS client with a token is busier, but no
/// token is unlimited); beyond it 429 with <c>Retry-After</c>. The address is the connection's, or the one a trusted
/// proxy forwarded (<see cref="ProxyOptions"/>) — never what a client claims. <c>RateLimit:Enabled</c> false turns it
/// off (benchmarks, or a proxy in front that limits already).
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddInventoryRateLimits(this IServiceCollection services)
    {
        services.AddSettings<RateLimitOptions>(RateLimitOptions.Section);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, settings) =>
        {
            var limits = settings.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                !limits.Enabled ? RateLimitPartition.GetNoLimiter("unlimited")
                : context.User.Identity?.IsAuthenticated == true
                    ? Bucket($"token:{context.User.Identity.Name}", limits.AuthenticatedPerSecond, limits.AuthenticatedBurst)
                    : Bucket($"address:{context.Connection.RemoteIpAddress}", limits.PerSecond, limits.Burst));
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
                        Detail = rejected.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>() is { } policy
                            ? $"This address sent as many as its share of this request ({policy.PolicyName}); retry after {retryAfter} s."
                            : $"This client sent more requests than its share ({(rejected.HttpContext.User.Identity?.IsAuthenticated == true ? limits.AuthenticatedPerSecond : limits.PerSecond)} a second); retry after {retryAfter} s.",
                    },
                });
            };
        });
        return services;
    }

    private static RateLimitPartition<string> Bucket(string key, int perSecond, int burst) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}
