namespace LandInventory.Data.Areas;

/// <summary>The supply areas: known by their id (a slug), drawn by their boundary.</summary>
public static class AreaSchema
{
    public static Layer Layer { get; } = new("areas", "areas", "id", "boundary", typeof(Area));
}
