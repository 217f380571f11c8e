namespace LandInventory.Data.Parcels;

/// <summary>出让方式: how the land use right is offered.</summary>
public enum SupplyMethod
{
    /// <summary>挂牌 listing.</summary>
    Listing,
    /// <summary>拍卖 auction.</summary>
    Auction,
    /// <summary>招标 tender.</summary>
    Tender,
}
