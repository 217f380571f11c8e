using System.ComponentModel.DataAnnotations;

namespace LandInventory.GisApi.Operations;

/// <summary><c>Shutdown:TimeoutSeconds</c> (default 30): how long a stopping service lets in-flight requests finish.</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    [Range(0, 3600, ErrorMessage = "Shutdown:TimeoutSeconds must be from 0 to 3600 (seconds).")]
    public int TimeoutSeconds { get; set; } = 30;
}
