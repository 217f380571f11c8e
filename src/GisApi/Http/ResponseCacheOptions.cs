using System.ComponentModel.DataAnnotations;

namespace LandInventory.GisApi.Http;

/// <summary>
/// <c>ResponseCache:Enabled</c> (default true) and <c>ResponseCache:SizeLimitMb</c> (default 64): finished answers kept
/// in memory under their ETag.
/// </summary>
public sealed class ResponseCacheOptions
{
    public const string Section = "ResponseCache";

    public bool Enabled { get; set; } = true;

    [Range(1, 65_536, ErrorMessage = "ResponseCache:SizeLimitMb must be from 1 to 65536 (MB).")]
    public int SizeLimitMb { get; set; } = 64;
}
