using LandInventory.Data.Spatial;

namespace LandInventory.Importer;

/// <summary>How a run treats the inventory: upsert keeps what the file does not mention, replace removes it.</summary>
public enum ImportMode
{
    Upsert,
    Replace,
}

/// <summary>The options of one run; <paramref name="Crs"/> overrides what the files declare.</summary>
public sealed record ImportOptions(
    ImportMode Mode = ImportMode.Upsert, bool DryRun = false, bool SkipInvalid = false, CoordinateSystem? Crs = null,
    bool CollectDiff = false);
