using LandInventory.Data.Carriers;
using LandInventory.Import.Mapping;
using LandInventory.Import.Writing;
using NetTopologySuite.Geometries;
using static LandInventory.Import.Writing.Columns;

namespace LandInventory.Import.Carriers;

/// <summary>
/// The industrial carriers as imported: a point (and optionally a site boundary), their floor space and what it offers,
/// and the rules that tie the figures together (the vacancy fits in the total; a fully let carrier has none).
/// </summary>
public static class CarrierImport
{
    private static readonly LayerTable<IndustrialCarrier> Table = new(CarrierSchema.Layer,
    [
        .. Record<IndustrialCarrier>(),
        .. FloorSpace<IndustrialCarrier>(),
        Enum<IndustrialCarrier>("kind", "kind", c => c.Kind).CastTo("carrier_kind"),
        EnumList<IndustrialCarrier, Industry>("industries", "industries", c => c.Industries).CastTo("industry[]"),
        Number<IndustrialCarrier>("total_floor_area_sqm", "totalFloorAreaSqm", c => c.TotalFloorAreaSqm),
        Number<IndustrialCarrier>("power_capacity_kva", "powerCapacityKva", c => c.PowerCapacityKva),
        Text<IndustrialCarrier>("operator", "operator", c => c.Operator),
        Enum<IndustrialCarrier>("status", "status", c => c.Status).CastTo("carrier_status"),
        Shape<IndustrialCarrier>("location", "geometry", "Point", c => c.Location),
        Shape<IndustrialCarrier>("site_boundary", "siteBoundary", "MultiPolygon", c => c.SiteBoundary),
    ]);

    public static ImportLayer<IndustrialCarrier> Layer { get; } = new(Table, Read, record => Rules((IndustrialCarrier)record));

    private static IndustrialCarrier Read(PropertyReader r)
    {
        var carrier = new IndustrialCarrier
        {
            Code = r.Text("code", required: true, 64)!,
            NameZh = r.Text("nameZh", required: true, 200)!,
            NameEn = r.Text("nameEn", required: true, 200)!,
            StewardId = r.Text("stewardId", required: true, 64)!,
            Location = r.Geometry<Point>("geometry", required: true)!,
            SiteBoundary = r.Geometry<MultiPolygon>("siteBoundary", required: false),
            Kind = r.Enum<CarrierKind>("kind", required: true) ?? default,
            Industries = r.EnumList<Industry>("industries"),
            TotalFloorAreaSqm = r.Number("totalFloorAreaSqm", required: true) ?? 0,
            PowerCapacityKva = r.Number("powerCapacityKva", required: false),
            Operator = r.Text("operator", required: false, 200),
            Status = r.Enum<CarrierStatus>("status", required: true) ?? default,
        };
        RecordFields.ReadCommon(r, carrier);
        RecordFields.ReadFloorSpace(r, carrier);
        return carrier;
    }

    private static IEnumerable<(string Field, string Message)> Rules(IndustrialCarrier carrier)
    {
        foreach (var problem in RecordFields.FloorSpaceRules(carrier, carrier.TotalFloorAreaSqm, "totalFloorAreaSqm"))
        {
            yield return problem;
        }

        if (carrier.Status == CarrierStatus.FullyLet && carrier.VacantFloorAreaSqm > 0)
        {
            yield return ("status", $"fullyLet, yet vacantFloorAreaSqm is {carrier.VacantFloorAreaSqm}");
        }
    }
}
