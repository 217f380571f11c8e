namespace LandInventory.Data.Parcels;

/// <summary>The classification a land-use code comes from: the same number means different things in different schemes.</summary>
public enum LandUseScheme
{
    /// <summary>国土空间调查、规划、用途管制用地用海分类指南 (2023): 070102, 0901, 0902 ...</summary>
    TerritorialSpatial2023,
    /// <summary>GB 50137-2011 城市用地分类与规划建设用地标准: R2, B1, B2 ...</summary>
    Gb50137,
    /// <summary>GB/T 21010-2017 土地利用现状分类 (land survey).</summary>
    GbT21010,
}
