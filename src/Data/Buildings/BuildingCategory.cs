namespace LandInventory.Data.Buildings;

/// <summary>楼宇去化提质 category.</summary>
public enum BuildingCategory
{
    /// <summary>老旧楼宇: aging, to renovate.</summary>
    Aging,
    /// <summary>特色楼宇: featured.</summary>
    Featured,
    /// <summary>低效楼宇: underused.</summary>
    Underused,
}
