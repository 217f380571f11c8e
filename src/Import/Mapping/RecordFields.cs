using LandInventory.Data;

namespace LandInventory.Import.Mapping;

/// <summary>
/// The fields and rules layers share, read with <see cref="PropertyReader"/> (the API's camelCase names,
/// docs/data-model.md): a listed record's address and contact, the floor space carriers and buildings offer, and
/// whether the vacancy fits in the whole.
/// </summary>
public static class RecordFields
{
    public static void ReadCommon(PropertyReader r, InventoryRecord record)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(record);
        record.AddressZh = r.Text("addressZh", required: false, 300);
        record.AddressEn = r.Text("addressEn", required: false, 300);
        record.ContactName = r.Text("contactName", required: false, 100);
        record.ContactPhone = r.Text("contactPhone", required: false, 40);
        record.VerifiedOn = r.Date("verifiedOn", required: false);
    }

    /// <summary>The figures carriers and buildings share (whether the vacancy fits is <see cref="FloorSpaceRules"/>).</summary>
    public static void ReadFloorSpace(PropertyReader r, IFloorSpace space)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(space);
        space.VacantFloorAreaSqm = r.Number("vacantFloorAreaSqm", required: true) ?? 0;
        space.FloorHeightM = r.Number("floorHeightM", required: false, max: 100);
        space.FloorLoadKnPerSqm = r.Number("floorLoadKnPerSqm", required: false, max: 1000);
        space.RentCnyPerSqmMonth = r.Number("rentCnyPerSqmMonth", required: false);
        space.AvailableFrom = r.Date("availableFrom", required: false);
    }

    /// <summary>The vacancy must fit in <paramref name="total"/> (named <paramref name="totalField"/>), which must be above 0.</summary>
    public static IEnumerable<(string Field, string Message)> FloorSpaceRules(IFloorSpace space, decimal total, string totalField)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (total <= 0)
        {
            yield return (totalField, "must be above 0");
        }
        else if (space.VacantFloorAreaSqm > total)
        {
            yield return ("vacantFloorAreaSqm", $"{space.VacantFloorAreaSqm} is more than {totalField} {total}");
        }
    }

    /// <summary>
    /// A feature read by <paramref name="read"/> into a record: the layer's rules checked on it, unknown properties
    /// refused; null when anything was wrong (the problems say what).
    /// </summary>
    public static T? Map<T>(Reading.RawFeature feature, ProblemLog problems, Data.Spatial.CoordinateSystem crs,
        Func<PropertyReader, T> read, Func<T, IEnumerable<(string Field, string Message)>>? rules = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(read);
        var r = new PropertyReader(feature, problems, crs);
        var before = problems.Total;
        var record = read(r);
        foreach (var (field, message) in rules?.Invoke(record) ?? [])
        {
            r.Problem(field, message);
        }

        r.RejectUnknown();
        return problems.Total == before ? record : null;
    }
}
