using System.ComponentModel.DataAnnotations;

namespace LandInventory.GisApi.Workspace;

/// <summary><c>Workspace:StaleAfterDays</c>: a record whose <c>verifiedOn</c> is older than this is marked stale in the workspace.</summary>
public sealed class WorkspaceOptions
{
    public const string Section = "Workspace";

    [Range(1, 3650, ErrorMessage = "Workspace:StaleAfterDays must be from 1 to 3650.")]
    public int StaleAfterDays { get; set; } = 180;
}
