using System.Text.Json;

namespace LandInventory.Import.Reading;

/// <summary>A feature as read, before it is understood: its position in the file, properties and geometry.</summary>
public sealed record RawFeature(string File, int Index, JsonElement Properties, JsonElement Geometry);
