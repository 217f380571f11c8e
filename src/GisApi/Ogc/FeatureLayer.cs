using System.Linq.Expressions;
using LandInventory.Data;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace LandInventory.GisApi.Ogc;

/// <summary>What every collection offers, whatever its table: a page of features, one feature, and its extent.</summary>
public interface IFeatureLayer
{
    string Id { get; }

    string Title { get; }

    string Description { get; }

    /// <summary>The features intersecting <paramref name="bbox"/> (all when null), in id order, a page at a time.</summary>
    Task<(int Matched, List<FeatureRow> Rows)> PageAsync(InventoryDbContext db, Polygon? bbox, int limit, int offset,
        CancellationToken ct);

    Task<FeatureRow?> FindAsync(InventoryDbContext db, string featureId, CancellationToken ct);

    /// <summary>The bounding box of every feature (WGS84), or null while the collection is empty.</summary>
    Task<Envelope?> ExtentAsync(InventoryDbContext db, CancellationToken ct);
}

/// <summary>
/// A collection over one table. The filters are LINQ over NetTopologySuite, which Npgsql turns into index-using PostGIS
/// predicates (<c>ST_Intersects</c> with the GiST index); only the extent is SQL, a named constant.
/// </summary>
public sealed class FeatureLayer<TEntity>(
    string id, string title, string description,
    Func<InventoryDbContext, IQueryable<TEntity>> table,
    Func<Polygon, Expression<Func<TEntity, bool>>> intersects,
    Func<string, Expression<Func<TEntity, bool>>> hasId,
    Expression<Func<TEntity, string>> order,
    Expression<Func<TEntity, FeatureRow>> row,
    string extentSql) : IFeatureLayer
    where TEntity : class
{
    public string Id => id;

    public string Title => title;

    public string Description => description;

    public async Task<(int Matched, List<FeatureRow> Rows)> PageAsync(InventoryDbContext db, Polygon? bbox, int limit,
        int offset, CancellationToken ct)
    {
        var query = table(db).AsNoTracking();
        if (bbox is not null)
        {
            query = query.Where(intersects(bbox));
        }

        var matched = await query.CountAsync(ct);
        var rows = await query.OrderBy(order).Skip(offset).Take(limit).Select(row).ToListAsync(ct);
        return (matched, rows);
    }

    public Task<FeatureRow?> FindAsync(InventoryDbContext db, string featureId, CancellationToken ct) =>
        table(db).AsNoTracking().Where(hasId(featureId)).Select(row).FirstOrDefaultAsync(ct);

    public async Task<Envelope?> ExtentAsync(InventoryDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = extentSql;
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return await reader.IsDBNullAsync(0, ct)
                ? null
                : new Envelope(reader.GetDouble(0), reader.GetDouble(2), reader.GetDouble(1), reader.GetDouble(3));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
