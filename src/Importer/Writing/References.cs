using LandInventory.Data;
using LandInventory.Data.Buildings;
using LandInventory.Data.Parcels;
using LandInventory.Importer.Reading;
using Microsoft.EntityFrameworkCore;

namespace LandInventory.Importer.Writing;

/// <summary>
/// What a feature points to must exist — in the database or earlier in the same import — before anything is written:
/// the foreign keys would refuse it too, but without saying which feature.
/// </summary>
public static class References
{
    public delegate Task Check<T>(InventoryDbContext db, IReadOnlyList<(RawFeature Feature, T Item)> items,
        List<ImportProblem> problems, CancellationToken ct);

    public static Task None<T>(InventoryDbContext db, IReadOnlyList<(RawFeature Feature, T Item)> items,
        List<ImportProblem> problems, CancellationToken ct) => Task.CompletedTask;

    public static async Task CheckStewardsAsync<T>(InventoryDbContext db, IReadOnlyList<(RawFeature Feature, T Item)> items,
        List<ImportProblem> problems, CancellationToken ct)
        where T : InventoryRecord
    {
        var stewards = await db.Stewards.Select(s => s.Id).ToListAsync(ct);
        foreach (var (feature, item) in items.Where(i => !stewards.Contains(i.Item.StewardId)))
        {
            problems.Add(new ImportProblem(feature.File, feature.Index, item.Code, "stewardId",
                $"no steward \"{item.StewardId}\" (known: {string.Join(", ", stewards.Order())})"));
        }
    }

    public static async Task CheckParcelsAsync(InventoryDbContext db, IReadOnlyList<(RawFeature Feature, LandParcel Item)> items,
        List<ImportProblem> problems, CancellationToken ct)
    {
        await CheckStewardsAsync(db, items, problems, ct);
        var areas = await db.Areas.Select(a => a.Id).ToListAsync(ct);
        foreach (var (feature, parcel) in items.Where(i => !areas.Contains(i.Item.AreaId)))
        {
            problems.Add(new ImportProblem(feature.File, feature.Index, parcel.Code, "areaId",
                $"no area \"{parcel.AreaId}\" (known: {string.Join(", ", areas.Order())})"));
        }
    }

    /// <summary>Resolves each building's <c>carrierCode</c> to the carrier's id.</summary>
    public static async Task CheckBuildingsAsync(InventoryDbContext db, IReadOnlyList<(RawFeature Feature, Building Item)> items,
        IReadOnlyDictionary<RawFeature, string?> carrierCodes, List<ImportProblem> problems, CancellationToken ct)
    {
        await CheckStewardsAsync(db, items, problems, ct);
        var codes = carrierCodes.Values.OfType<string>().Distinct().ToList();
        var carriers = await db.IndustrialCarriers.Where(c => codes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, c => c.Id, ct);
        foreach (var (feature, building) in items)
        {
            var code = carrierCodes.GetValueOrDefault(feature);
            if (code is null)
            {
                building.CarrierId = null;
            }
            else if (carriers.TryGetValue(code, out var id))
            {
                building.CarrierId = id;
            }
            else
            {
                problems.Add(new ImportProblem(feature.File, feature.Index, building.Code, "carrierCode",
                    $"no carrier \"{code}\" in the inventory or earlier in this import"));
            }
        }
    }
}
