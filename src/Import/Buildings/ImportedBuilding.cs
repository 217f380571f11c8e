using LandInventory.Data.Buildings;

namespace LandInventory.Import.Buildings;

/// <summary>A building as imported: it names its carrier by code, which the merge resolves to the carrier's id.</summary>
public sealed class ImportedBuilding : Building
{
    public string? CarrierCode { get; set; }
}
