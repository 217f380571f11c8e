namespace LandInventory.Data.Versions;

/// <summary>
/// A counter per layer table, raised by the database whenever a statement changes rows of that table (any writer:
/// importer, API, psql). Caches and ETags follow it, so they change exactly when the data does.
/// </summary>
public class LayerVersion
{
    /// <summary>The table: <c>areas</c>, <c>land_parcels</c>, <c>industrial_carriers</c>, <c>buildings</c>.</summary>
    public required string Layer { get; set; }

    public long Version { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}
