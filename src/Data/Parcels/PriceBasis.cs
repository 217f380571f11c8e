namespace LandInventory.Data.Parcels;

/// <summary>What a starting price is counted in.</summary>
public enum PriceBasis
{
    /// <summary>万元/亩: ten-thousand yuan per mu of site area.</summary>
    WanYuanPerMu,
    /// <summary>元/m² 楼面价: yuan per square metre of permitted floor area.</summary>
    YuanPerSqmFloorArea,
    /// <summary>万元: ten-thousand yuan for the whole parcel.</summary>
    WanYuanTotal,
}
