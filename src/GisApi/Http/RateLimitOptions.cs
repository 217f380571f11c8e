using System.ComponentModel.DataAnnotations;

namespace LandInventory.GisApi.Http;

/// <summary>
/// <c>RateLimit:Enabled</c> (default true), <c>RateLimit:PerSecond</c> (50) and <c>RateLimit:Burst</c> (200): anonymous
/// requests per client address; <c>RateLimit:AuthenticatedPerSecond</c> (500) and <c>RateLimit:AuthenticatedBurst</c>
/// (2000): a token's requests, per token subject.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    public bool Enabled { get; set; } = true;

    [Range(1, 1_000_000, ErrorMessage = "RateLimit:PerSecond must be from 1 to 1000000.")]
    public int PerSecond { get; set; } = 50;

    [Range(1, 1_000_000, ErrorMessage = "RateLimit:Burst must be from 1 to 1000000.")]
    public int Burst { get; set; } = 200;

    [Range(1, 1_000_000, ErrorMessage = "RateLimit:AuthenticatedPerSecond must be from 1 to 1000000.")]
    public int AuthenticatedPerSecond { get; set; } = 500;

    [Range(1, 1_000_000, ErrorMessage = "RateLimit:AuthenticatedBurst must be from 1 to 1000000.")]
    public int AuthenticatedBurst { get; set; } = 2000;
}
