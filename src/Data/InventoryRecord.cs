using LandInventory.Data.Stewards;

namespace LandInventory.Data;

/// <summary>
/// What every listed record (parcel, carrier, building) carries: the stable code imports match on, bilingual names,
/// the bureau that maintains it and whom an investor calls. Areas are not listings and do not derive from this.
/// </summary>
public abstract class InventoryRecord
{
    public long Id { get; set; }

    /// <summary>The stable, unique key that imports match on (宗地编号 for parcels).</summary>
    public required string Code { get; set; }

    public required string NameZh { get; set; }

    public required string NameEn { get; set; }

    public string? AddressZh { get; set; }

    public string? AddressEn { get; set; }

    public required string StewardId { get; set; }

    public Steward? Steward { get; set; }

    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    /// <summary>The day the steward last confirmed the record against the ground truth.</summary>
    public DateOnly? VerifiedOn { get; set; }

    /// <summary>The row's version (PostgreSQL's <c>xmin</c>): what ETags and <c>If-Match</c> compare, so no update is lost.</summary>
    public uint Version { get; set; }

    /// <summary>Set by the database (default and trigger), never by code.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set by the database (default and trigger), never by code.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
