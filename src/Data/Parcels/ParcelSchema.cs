namespace LandInventory.Data.Parcels;

/// <summary>The land parcels: known by their code, drawn by their boundary.</summary>
public static class ParcelSchema
{
    public static Layer Layer { get; } = new("parcels", "land_parcels", "code", "boundary", typeof(LandParcel));
}
