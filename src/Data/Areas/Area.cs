using LandInventory.Data.Parcels;
using NetTopologySuite.Geometries;

namespace LandInventory.Data.Areas;

/// <summary>One of the three supply areas of the land-supply list (大面东洪, 十陵, 东安湖活力城).</summary>
public class Area
{
    /// <summary>Stable slug, e.g. <c>shiling</c>.</summary>
    public required string Id { get; set; }

    public required string NameZh { get; set; }

    public required string NameEn { get; set; }

    public required MultiPolygon Boundary { get; set; }

    public List<LandParcel> Parcels { get; set; } = [];

    /// <summary>The row's version (PostgreSQL's <c>xmin</c>), see <see cref="InventoryRecord.Version"/>.</summary>
    public uint Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
