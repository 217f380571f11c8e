using System.ComponentModel.DataAnnotations;

namespace LandInventory.GisApi.Http;

/// <summary><c>Limits:MaxRequestBodyMb</c> (default 4): requests carry searches and single features; files go to POST /imports.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    [Range(1, 1024, ErrorMessage = "Limits:MaxRequestBodyMb must be from 1 to 1024 (MB).")]
    public int MaxRequestBodyMb { get; set; } = 4;
}
