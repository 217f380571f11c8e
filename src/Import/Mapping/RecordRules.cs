using LandInventory.Data;
using LandInventory.Data.Buildings;
using LandInventory.Data.Carriers;
using LandInventory.Data.Parcels;

namespace LandInventory.Import.Mapping;

/// <summary>
/// The rules that tie a record's fields together, checked on the whole record: by the importer after reading a
/// feature, and by the API after applying a PATCH — one set of rules and messages for both.
/// </summary>
public static class RecordRules
{
    public static IEnumerable<(string Field, string Message)> Of(object record) => record switch
    {
        LandParcel p => Parcel(p),
        IndustrialCarrier c => Carrier(c),
        Building b => FloorSpace(b, b.GrossFloorAreaSqm, "grossFloorAreaSqm"),
        _ => [],
    };

    private static IEnumerable<(string, string)> Parcel(LandParcel parcel)
    {
        var maxLease = parcel.LandUse == LandUse.Residential
            ? LandParcelConfiguration.ResidentialMaxLeaseYears
            : LandParcelConfiguration.CommercialMaxLeaseYears;
        if (parcel.LeaseTermYears > maxLease)
        {
            yield return ("leaseTermYears", $"{parcel.LeaseTermYears} years exceeds the statutory maximum of {maxLease} for {parcel.LandUse} land");
        }

        if (parcel.PlotRatioMin > parcel.PlotRatioMax)
        {
            yield return ("plotRatioMin", $"{parcel.PlotRatioMin} is above plotRatioMax {parcel.PlotRatioMax}");
        }

        if (parcel.StartingPrice is null != parcel.PriceBasis is null)
        {
            yield return ("priceBasis", "startingPrice and priceBasis go together: give both or neither");
        }
    }

    private static IEnumerable<(string, string)> Carrier(IndustrialCarrier carrier)
    {
        foreach (var problem in FloorSpace(carrier, carrier.TotalFloorAreaSqm, "totalFloorAreaSqm"))
        {
            yield return problem;
        }

        if (carrier.Status == CarrierStatus.FullyLet && carrier.VacantFloorAreaSqm > 0)
        {
            yield return ("status", $"fullyLet, yet vacantFloorAreaSqm is {carrier.VacantFloorAreaSqm}");
        }
    }

    /// <summary>The figures carriers and buildings share: the vacancy must fit in <paramref name="total"/>.</summary>
    private static IEnumerable<(string, string)> FloorSpace(IFloorSpace space, decimal total, string totalField)
    {
        if (total <= 0)
        {
            yield return (totalField, "must be above 0");
        }
        else if (space.VacantFloorAreaSqm > total)
        {
            yield return ("vacantFloorAreaSqm", $"{space.VacantFloorAreaSqm} is more than {totalField} {total}");
        }
    }
}
