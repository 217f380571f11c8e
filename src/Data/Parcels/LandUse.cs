namespace LandInventory.Data.Parcels;

/// <summary>Land use of a parcel on the supply list; the class code and its scheme are stored beside it.</summary>
public enum LandUse
{
    /// <summary>住宅 residential.</summary>
    Residential,
    /// <summary>商服 commercial and service.</summary>
    CommercialService,
}
