using System.ComponentModel.DataAnnotations;

namespace LandInventory.GisApi.Importing;

/// <summary><c>Imports:MaxUploadMb</c>: the largest file <c>POST /imports</c> takes (other requests: <c>Limits:MaxRequestBodyMb</c>).</summary>
public sealed class ImportsOptions
{
    public const string Section = "Imports";

    [Range(1, 100_000, ErrorMessage = "Imports:MaxUploadMb must be from 1 to 100000 (MB).")]
    public int MaxUploadMb { get; set; } = 1024;
}
