using LandInventory.Data;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace LandInventory.Importer.Writing;

/// <summary>
/// Inserts the features that are new and updates the ones whose values changed, matched on their stable key.
/// Keys, generated columns and timestamps belong to the database and are never copied from the input.
/// </summary>
public static class Upsert
{
    public static async Task<LayerCounts> RunAsync<T, TKey>(
        InventoryDbContext db, Layer layer, IReadOnlyList<T> incoming, Func<T, TKey> key,
        Expression<Func<T, bool>> existingFilter, CancellationToken ct)
        where T : class
        where TKey : notnull
    {
        var existing = await db.Set<T>().Where(existingFilter).ToDictionaryAsync(key, ct);
        int inserted = 0, updated = 0, unchanged = 0;
        foreach (var item in incoming)
        {
            if (!existing.TryGetValue(key(item), out var current))
            {
                db.Add(item);
                inserted++;
                continue;
            }

            var entry = db.Entry(current);
            var source = db.Entry(item);
            foreach (var property in entry.Properties)
            {
                var meta = property.Metadata;
                if (meta.IsPrimaryKey() || meta.ValueGenerated != ValueGenerated.Never)
                {
                    continue;
                }

                property.CurrentValue = source.Property(meta.Name).CurrentValue;
            }

            entry.DetectChanges();
            if (entry.State == EntityState.Modified)
            {
                updated++;
            }
            else
            {
                unchanged++;
            }
        }

        await db.SaveChangesAsync(ct);
        return new LayerCounts(layer, incoming.Count, inserted, updated, unchanged);
    }
}
