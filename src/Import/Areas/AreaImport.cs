using LandInventory.Data.Areas;
using LandInventory.Import.Mapping;
using LandInventory.Import.Writing;
using NetTopologySuite.Geometries;

namespace LandInventory.Import.Areas;

/// <summary>The supply areas as imported: an id, two names and a boundary. Unstewarded: areas are an admin's.</summary>
public static class AreaImport
{
    public static ImportLayer<Area> Layer { get; } = new(new LayerTable<Area>(AreaSchema.Layer,
    [
        Columns.Text<Area>("id", "id", a => a.Id),
        Columns.Text<Area>("name_zh", "nameZh", a => a.NameZh),
        Columns.Text<Area>("name_en", "nameEn", a => a.NameEn),
        Columns.Shape<Area>("boundary", "geometry", "MultiPolygon", a => a.Boundary),
    ]), r => new Area
    {
        Id = r.Text("id", required: true, 64)!,
        NameZh = r.Text("nameZh", required: true, 100)!,
        NameEn = r.Text("nameEn", required: true, 100)!,
        Boundary = r.Geometry<MultiPolygon>("geometry", required: true)!,
    });
}
