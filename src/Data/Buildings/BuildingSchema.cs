namespace LandInventory.Data.Buildings;

/// <summary>The buildings with vacant space: known by their code, drawn by their footprint.</summary>
public static class BuildingSchema
{
    public static Layer Layer { get; } = new("buildings", "buildings", "code", "footprint", typeof(Building));
}
