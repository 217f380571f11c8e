namespace LandInventory.Data.Carriers;

/// <summary>The industrial carriers: known by their code, placed by their location (the site boundary is optional).</summary>
public static class CarrierSchema
{
    public static Layer Layer { get; } = new("carriers", "industrial_carriers", "code", "location", typeof(IndustrialCarrier));
}
