using System.Text.Json;
using NetTopologySuite.Geometries;

namespace LandInventory.Data.History;

/// <summary>
/// One recorded change of one feature, written by the database's history triggers whoever changes the row (API,
/// importer, psql), so that no writer can forget it. Read-only to code.
/// </summary>
public class FeatureChange
{
    public long Id { get; set; }

    /// <summary>The table: <c>areas</c>, <c>land_parcels</c>, <c>industrial_carriers</c>, <c>buildings</c>.</summary>
    public required string Layer { get; set; }

    /// <summary>The feature's code (an area's id).</summary>
    public required string Code { get; set; }

    /// <summary><c>insert</c>, <c>update</c>, <c>delete</c>, or <c>baseline</c>: the state found when history began.</summary>
    public required string Operation { get; set; }

    /// <summary>The writing transaction's time: every change of one transaction carries the same.</summary>
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>Who: the API's authenticated subject, <c>importer:{os user}</c>, else the database role.</summary>
    public required string Actor { get; set; }

    /// <summary>The changed columns of an update, the geometry column included when the geometry changed.</summary>
    public string[] Fields { get; set; } = [];

    /// <summary>Old and new values of the changed non-geometry columns: <c>{"status":{"old":"available","new":"sold"}}</c>.</summary>
    public JsonDocument? Changes { get; set; }

    /// <summary>The whole row, without its geometry, after the change (before it, for a delete).</summary>
    public required JsonDocument State { get; set; }

    /// <summary>The geometry before the change, when the change moved it or deleted the feature.</summary>
    public Geometry? OldGeometry { get; set; }

    /// <summary>The geometry after the change (none for a delete).</summary>
    public Geometry? NewGeometry { get; set; }

    /// <summary>The writing transaction's id (its xid8, as a number), what the change feed pages on.</summary>
    public long Xact { get; set; }
}
