namespace LandInventory.Data.Carriers;

/// <summary>Target industries of a carrier (a carrier may serve several).</summary>
public enum Industry
{
    /// <summary>智能网联汽车.</summary>
    IntelligentConnectedVehicles,
    /// <summary>新能源汽车.</summary>
    NewEnergyVehicles,
    /// <summary>数字经济.</summary>
    DigitalEconomy,
    /// <summary>人工智能.</summary>
    ArtificialIntelligence,
    /// <summary>新能源.</summary>
    NewEnergy,
    /// <summary>高端装备.</summary>
    AdvancedEquipment,
    /// <summary>生物医药.</summary>
    Biomedicine,
    /// <summary>低空经济.</summary>
    LowAltitudeEconomy,
    /// <summary>现代物流.</summary>
    ModernLogistics,
    /// <summary>总部经济与商务服务.</summary>
    BusinessServices,
}
