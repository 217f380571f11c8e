using NetTopologySuite.Geometries;

namespace LandInventory.Data.Places;

/// <summary>
/// A place investors ask about — a metro station, an expressway entrance, an airport, the railway freight port, a
/// hospital, a school — at its location. Reference data like the areas: an admin's, not a bureau's.
/// </summary>
public class Place
{
    /// <summary>Stable slug, e.g. <c>metro-2-longquanyi</c>.</summary>
    public required string Id { get; set; }

    public PlaceKind Kind { get; set; }

    public required string NameZh { get; set; }

    public required string NameEn { get; set; }

    public required Point Location { get; set; }

    /// <summary>The row's version (PostgreSQL's <c>xmin</c>), see <see cref="InventoryRecord.Version"/>.</summary>
    public uint Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
