namespace LandInventory.Data.Places;

/// <summary>What investors ask to be near.</summary>
public enum PlaceKind
{
    /// <summary>地铁站.</summary>
    MetroStation,
    /// <summary>高速公路出入口.</summary>
    ExpresswayEntrance,
    /// <summary>机场.</summary>
    Airport,
    /// <summary>铁路货运港.</summary>
    RailwayFreight,
    /// <summary>铁路客运站.</summary>
    RailwayStation,
    /// <summary>医院.</summary>
    Hospital,
    /// <summary>中小学.</summary>
    School,
    /// <summary>高校.</summary>
    University,
}
