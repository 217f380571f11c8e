using System.Linq.Expressions;
using LandInventory.Data;
using LandInventory.Importer.Mapping;
using LandInventory.Importer.Reading;
using Microsoft.EntityFrameworkCore;

namespace LandInventory.Importer.Writing;

/// <summary>The mapped features of one file, and how to write them: upsert on the layer's key, references checked first.</summary>
public abstract class LayerBatch
{
    public abstract Task<LayerCounts> WriteAsync(InventoryDbContext db, List<ImportProblem> problems, CancellationToken ct);

    /// <summary>Maps every feature of a file to its layer's entity, collecting every problem.</summary>
    public static LayerBatch For(Layer layer, IReadOnlyList<RawFeature> features, List<ImportProblem> problems)
    {
        switch (layer)
        {
            case Layer.Areas:
                return Of(layer, features, problems, FeatureMapper.ToArea, a => a.Id, "id", keys => a => keys.Contains(a.Id),
                    References.None);
            case Layer.Parcels:
                return Of(layer, features, problems, FeatureMapper.ToParcel, p => p.Code, "code",
                    keys => p => keys.Contains(p.Code), References.CheckParcelsAsync);
            case Layer.Carriers:
                return Of(layer, features, problems, FeatureMapper.ToCarrier, c => c.Code, "code",
                    keys => c => keys.Contains(c.Code), References.CheckStewardsAsync);
            case Layer.Buildings:
                var carrierCodes = new Dictionary<RawFeature, string?>();
                return Of(layer, features, problems, (f, p) => FeatureMapper.ToBuilding(f, p, carrierCodes), b => b.Code, "code",
                    keys => b => keys.Contains(b.Code),
                    (db, items, found, ct) => References.CheckBuildingsAsync(db, items, carrierCodes, found, ct));
            default:
                throw new ArgumentOutOfRangeException(nameof(layer));
        }
    }

    private static Batch<T> Of<T>(Layer layer, IReadOnlyList<RawFeature> features, List<ImportProblem> problems,
        Func<RawFeature, List<ImportProblem>, T?> map, Func<T, string> key, string keyField,
        Func<List<string>, Expression<Func<T, bool>>> existing, References.Check<T> check)
        where T : class
    {
        var items = new List<(RawFeature Feature, T Item)>();
        var seen = new Dictionary<string, int>();
        foreach (var feature in features)
        {
            if (map(feature, problems) is not { } item)
            {
                continue;
            }

            if (seen.TryAdd(key(item), feature.Index))
            {
                items.Add((feature, item));
            }
            else
            {
                problems.Add(new ImportProblem(feature.File, feature.Index, key(item), keyField,
                    $"\"{key(item)}\" is already used by feature #{seen[key(item)]} of this file"));
            }
        }

        return new Batch<T>(layer, features.Count, items, key, existing, check);
    }

    private sealed class Batch<T>(
        Layer layer, int read, List<(RawFeature Feature, T Item)> items, Func<T, string> key,
        Func<List<string>, Expression<Func<T, bool>>> existing, References.Check<T> check) : LayerBatch
        where T : class
    {
        public override async Task<LayerCounts> WriteAsync(InventoryDbContext db, List<ImportProblem> problems, CancellationToken ct)
        {
            var before = problems.Count;
            await check(db, items, problems, ct);
            if (problems.Count > before)
            {
                return new LayerCounts(layer, read, 0, 0, 0);
            }

            var entities = items.Select(i => i.Item).ToList();
            var filter = existing(entities.Select(key).ToList());
            return await Upsert.RunAsync(db, layer, entities, key, filter, ct);
        }
    }
}
