namespace LandInventory.Data.Carriers;

/// <summary>载体类型.</summary>
public enum CarrierKind
{
    /// <summary>产业园.</summary>
    IndustrialPark,
    /// <summary>标准厂房.</summary>
    StandardFactory,
    /// <summary>写字楼.</summary>
    OfficeBuilding,
    /// <summary>孵化器.</summary>
    Incubator,
    /// <summary>仓储.</summary>
    Warehouse,
}
