namespace LandInventory.Data.Parcels;

/// <summary>Where a parcel stands in the supply process.</summary>
public enum ParcelStatus
{
    Available,
    Reserved,
    UnderNegotiation,
    Transferred,
    Withdrawn,
}
