using Microsoft.EntityFrameworkCore;

namespace LandInventory.Data.History;

/// <summary>
/// A layer as it was at a past time, rebuilt from <see cref="FeatureChange"/>s: each feature's last change at or before
/// <c>@asOf</c>, unless that was its removal, turned back into a row of the layer's own table type — so the query composes
/// with every filter the live table takes (EF <c>FromSql</c>). The row version of a past state is 0: it cannot be written.
/// Named SQL, one per layer, made from <see cref="Layers.All"/>; the time is a parameter.
/// </summary>
public static class AsOf
{
    public const string Parameter = "asOf";

    private static readonly Dictionary<string, string> Sql = Layers.All.ToDictionary(t => t.Table, t => $"""
        SELECT r.*, '0'::xid AS xmin
        FROM (SELECT DISTINCT ON (h.code) h.operation, h.state, h.new_geometry
              FROM feature_history h
              WHERE h.layer = '{t.Table}' AND h.changed_at <= @{Parameter}
              ORDER BY h.code, h.id DESC) h
        CROSS JOIN LATERAL jsonb_populate_record(NULL::{t.Table},
            h.state || jsonb_build_object('{t.Geometry}', encode(ST_AsEWKB(h.new_geometry), 'hex'))) r
        WHERE h.operation <> 'delete'
        """);

    public static string For(string table) => Sql[table];

    /// <summary>The entity's table as it was at <paramref name="asOf"/>; composes with LINQ like the live table.</summary>
    public static IQueryable<T> Table<T>(InventoryDbContext db, DateTimeOffset asOf)
        where T : class =>
        db.Set<T>().FromSqlRaw(For(db.Model.FindEntityType(typeof(T))!.GetTableName()!),
            new Npgsql.NpgsqlParameter(Parameter, asOf.ToUniversalTime()));
}
