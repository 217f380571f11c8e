namespace LandInventory.Data.Stewards;

/// <summary>A bureau or company of the zone that maintains records and answers investors (the "1+5+1+1" bodies).</summary>
public class Steward
{
    public required string Id { get; set; }

    public required string NameZh { get; set; }

    public required string NameEn { get; set; }
}
