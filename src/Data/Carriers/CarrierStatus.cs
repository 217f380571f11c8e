namespace LandInventory.Data.Carriers;

/// <summary>Whether a carrier can take tenants.</summary>
public enum CarrierStatus
{
    Available,
    UnderConstruction,
    /// <summary>满租: no vacant floor area left.</summary>
    FullyLet,
    Withdrawn,
}
