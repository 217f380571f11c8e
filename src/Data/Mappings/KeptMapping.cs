using LandInventory.Data.Stewards;

namespace LandInventory.Data.Mappings;

/// <summary>
/// A field mapping a bureau named and keeps (how its surveyors' Shapefiles or spreadsheets name their fields), so that
/// every planner of the bureau, the workspace and the command line import with the same one. Its body is the mapping's
/// JSON as a file holds it (docs/importer.md, "Field mappings"), checked against its layer's properties when kept.
/// </summary>
public class KeptMapping
{
    public required string StewardId { get; set; }

    public Steward? Steward { get; set; }

    public required string Name { get; set; }

    /// <summary>The layer whose properties it maps onto (<c>parcels</c>, <c>carriers</c>, <c>buildings</c>, <c>areas</c>).</summary>
    public required string Layer { get; set; }

    /// <summary>The mapping's JSON: <c>{"fields": {…}, "ignore": […]}</c>.</summary>
    public required string Body { get; set; }

    /// <summary>Who kept this version, as the history names a writer (<c>planner:bob@bureau</c>).</summary>
    public required string UpdatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
