using LandInventory.Data.Stewards;

namespace LandInventory.Data.Inquiries;

/// <summary>
/// An investor's question about a site, delivered to the site's bureau. Personal data (name, company, contact, message):
/// never in the history, the change feed, a public endpoint, a log or a metric, and deleted after the retention time.
/// Keys and times are set by the service, so an insert returns nothing the inserting caller could not read back anyway
/// (the table's row security lets the public insert, and only the bureau read).
/// </summary>
public class Inquiry
{
    public Guid Id { get; set; }

    /// <summary>What the investor is told and quotes: <c>LI-</c> and eight characters of an unambiguous alphabet.</summary>
    public required string Reference { get; set; }

    /// <summary>The layer of the site asked about (<c>parcels</c>, <c>carriers</c>, <c>buildings</c>).</summary>
    public required string Layer { get; set; }

    public required string Code { get; set; }

    /// <summary>The bureau it was delivered to: the site's steward when it was asked.</summary>
    public required string StewardId { get; set; }

    public Steward? Steward { get; set; }

    public required string Name { get; set; }

    public string? Company { get; set; }

    /// <summary>An e-mail address or a telephone number.</summary>
    public required string Contact { get; set; }

    public required string Message { get; set; }

    /// <summary>The search it came from, as <c>/match</c>'s GET form, when it came from one.</summary>
    public string? Requirements { get; set; }

    /// <summary>The language the investor wrote in and wants the answer in: <c>zh</c> or <c>en</c>.</summary>
    public required string Language { get; set; }

    public InquiryStatus Status { get; set; }

    /// <summary>The bureau's own note on it (what was answered, to whom it was passed); never shown to the public.</summary>
    public string? Note { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Who changed its status last (<c>planner:name@bureau</c>).</summary>
    public string? HandledBy { get; set; }
}

/// <summary>Where an inquiry stands with its bureau.</summary>
public enum InquiryStatus
{
    New,
    Answered,
    Closed,
}
