namespace LandInventory.Data.Places;

/// <summary>The places investors ask about: known by their id (a slug), drawn at their location.</summary>
public static class PlaceSchema
{
    public static Layer Layer { get; } = new("places", "places", "id", "location", typeof(Place));
}
