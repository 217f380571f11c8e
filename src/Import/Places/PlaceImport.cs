using LandInventory.Data.Places;
using LandInventory.Import.Mapping;
using LandInventory.Import.Writing;
using NetTopologySuite.Geometries;

namespace LandInventory.Import.Places;

/// <summary>The places investors ask about, as imported: an id, a kind, two names and a location. Unstewarded: an admin's.</summary>
public static class PlaceImport
{
    public static ImportLayer<Place> Layer { get; } = new(new LayerTable<Place>(PlaceSchema.Layer,
    [
        Columns.Text<Place>("id", "id", p => p.Id),
        Columns.Enum<Place>("kind", "kind", p => p.Kind).CastTo("place_kind"),
        Columns.Text<Place>("name_zh", "nameZh", p => p.NameZh),
        Columns.Text<Place>("name_en", "nameEn", p => p.NameEn),
        Columns.Shape<Place>("location", "geometry", "Point", p => p.Location),
    ]), r => new Place
    {
        Id = r.Text("id", required: true, 64)!,
        Kind = r.Enum<PlaceKind>("kind", required: true) ?? default,
        NameZh = r.Text("nameZh", required: true, 100)!,
        NameEn = r.Text("nameEn", required: true, 200)!,
        // Airports and the railway port lie outside the zone: the region is the extent that still catches a wrong system.
        Location = r.Geometry<Point>("geometry", required: true, Plausibility.Region)!,
    });
}
