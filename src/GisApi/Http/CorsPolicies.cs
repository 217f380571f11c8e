using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace LandInventory.GisApi.Http;

/// <summary>
/// Which pages of other origins may call the API (<c>Cors:AllowedOrigins</c>): pages of any origin read — unless origins
/// are listed, then those — and only the listed origins' pages write. A write needs a bearer token, which a browser sends
/// across origins only when the preflight allows <c>Authorization</c>; an unlisted origin's preflight allows neither it
/// nor the write methods.
/// </summary>
public sealed class CorsPolicies : ICorsPolicyProvider
{
    private static readonly string[] Exposed = ["ETag", "Content-Crs", "Location", "Retry-After", "X-Request-Id", "OData-Version"];

    /// <summary>What a reading client sends: conditional requests, CRS, OData's version headers, a posted search geometry.</summary>
    private static readonly string[] ReadHeaders = ["If-None-Match", "Accept", "Content-Type", "Content-Crs", "OData-Version", "OData-MaxVersion", "Prefer"];

    private readonly CorsPolicy _reads;

    private readonly CorsPolicy _writes;

    private readonly HashSet<string> _writers;

    public CorsPolicies(IOptions<CorsOriginsOptions> options)
    {
        var allowed = options.Value;
        _writers = new HashSet<string>(allowed.AllowedOrigins.Where(o => o != "*"), StringComparer.OrdinalIgnoreCase);
        var reads = new CorsPolicyBuilder().WithMethods("GET", "HEAD", "POST").WithHeaders(ReadHeaders).WithExposedHeaders(Exposed);
        _reads = (allowed.AnyOrigin ? reads.AllowAnyOrigin() : reads.WithOrigins([.. _writers])).Build();
        _writes = new CorsPolicyBuilder().WithOrigins([.. _writers])
            .WithMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
            .WithHeaders([.. ReadHeaders, "If-Match", "Authorization"]).WithExposedHeaders(Exposed).Build();
    }

    public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName) =>
        Task.FromResult<CorsPolicy?>(context.Request.Headers.Origin.ToString() is { Length: > 0 } origin && _writers.Contains(origin)
            ? _writes
            : _reads);
}
