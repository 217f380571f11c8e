using System.Linq.Expressions;
using LandInventory.Data;
using LandInventory.Data.Spatial;
using LandInventory.GisApi.Ogc.Cql2;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace LandInventory.GisApi.Ogc;

/// <summary>What every collection offers, whatever its table: a page of features, one feature, and its extent.</summary>
public interface IFeatureLayer
{
    string Id { get; }

    string Title { get; }

    string Description { get; }

    /// <summary>What clients may filter and sort on: the published property names and their types, and "geometry".</summary>
    IReadOnlyDictionary<string, Type> Queryables { get; }

    /// <summary>The published date <c>datetime</c> selects on (<see cref="DatetimeParameter"/>); none for a layer without one.</summary>
    string? Temporal { get; }

    /// <summary>The first and last value of <see cref="Temporal"/> (nulls when there are none or no such property).</summary>
    Task<(DateOnly? First, DateOnly? Last)> TemporalExtentAsync(InventoryDbContext db, CancellationToken ct);

    /// <summary>
    /// The features the query selects (bbox, CQL2 filter, attribute filters), sorted, a page at a time (from its offset
    /// or after its cursor): the page, whether more follow, and how many match in all — null beyond
    /// <see cref="ItemsQuery.MaxCounted"/>, where counting would cost more than the page.
    /// </summary>
    Task<(int? Matched, List<FeatureRow> Rows, bool More)> PageAsync(InventoryDbContext db, ItemsQuery query, CancellationToken ct);

    /// <summary>How many features the query matches, whatever its page, counted no further than <paramref name="upTo"/>.</summary>
    Task<int> MatchedAsync(InventoryDbContext db, ItemsQuery query, int upTo, CancellationToken ct);

    /// <summary>The query's features in its order, read as they are written out (a download): its page only if <paramref name="paged"/>.</summary>
    IAsyncEnumerable<FeatureRow> RowsAsync(InventoryDbContext db, ItemsQuery query, bool paged);

    Task<FeatureRow?> FindAsync(InventoryDbContext db, string featureId, CancellationToken ct);

    Task<int> CountAsync(InventoryDbContext db, CancellationToken ct);

    /// <summary>
    /// The feature's row version (PostgreSQL's xmin) and the sum of the layer versions, in one query; null when there is
    /// no such feature.
    /// </summary>
    Task<(uint Row, long Layers)?> VersionsAsync(InventoryDbContext db, string featureId, CancellationToken ct);

    /// <summary>The feature with its row version and the sum of the layer versions, in one statement; null when there is none.</summary>
    Task<VersionedRow?> FindVersionedAsync(InventoryDbContext db, string featureId, CancellationToken ct);

    /// <summary>The <paramref name="count"/> features nearest <paramref name="point"/>, with geodesic distances in metres.</summary>
    Task<List<(FeatureRow Row, double DistanceM)>> NearestAsync(InventoryDbContext db, Point point, int count, CancellationToken ct);

    /// <summary>Features within <paramref name="metres"/> of <paramref name="point"/> (geodesic), nearest first.</summary>
    Task<List<(FeatureRow Row, double DistanceM)>> WithinAsync(InventoryDbContext db, Point point, double metres, int limit,
        CancellationToken ct);

    /// <summary>Features whose geometry intersects <paramref name="shape"/> (which may be a point: "what is here").</summary>
    Task<List<FeatureRow>> IntersectingAsync(InventoryDbContext db, Geometry shape, int limit, CancellationToken ct);

    /// <summary>The bounding box of every feature (WGS84), or null while the collection is empty.</summary>
    Task<Envelope?> ExtentAsync(InventoryDbContext db, CancellationToken ct);
}

/// <summary>
/// A collection over one layer's table (<paramref name="schema"/>): <paramref name="key"/> and
/// <paramref name="geometry"/> say which members are the feature's id and shape, <paramref name="row"/> projects an
/// entity to what the layer publishes (its properties record, whose names are also the queryables), and
/// <paramref name="temporal"/> names the published date that <c>datetime</c> selects on. The filters are
/// LINQ over NetTopologySuite, which Npgsql turns into index-using PostGIS predicates (<c>ST_Intersects</c> with the GiST
/// index); only the extent is SQL, made once from the schema's names.
/// </summary>
public sealed class FeatureLayer<TEntity>(
    Data.Layer schema, string title, string description,
    Expression<Func<TEntity, string>> key,
    Expression<Func<TEntity, Geometry>> geometry,
    Expression<Func<TEntity, FeatureRow>> row,
    string? temporal = null) : IFeatureLayer
    where TEntity : class
{
    private readonly string _extentSql =
        $"SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent({schema.Geometry}) AS e FROM {schema.Table}) s";

    /// <summary>KNN finds candidates by planar (degree) distance; this many per answer are re-ranked geodesically.</summary>
    private const int CandidatesPerAnswer = 4;

    private readonly Cql2Translator<TEntity> _translator = new(row.Parameters[0], QueryableMembers(row, geometry));

    public string Id => schema.Name;

    public IReadOnlyDictionary<string, Type> Queryables => _translator.Types;

    public string Title => title;

    public string? Temporal => temporal;

    public async Task<(DateOnly? First, DateOnly? Last)> TemporalExtentAsync(InventoryDbContext db, CancellationToken ct)
    {
        if (temporal is null)
        {
            return (null, null);
        }

        var date = Expression.Lambda<Func<TEntity, DateOnly?>>(Expression.Convert(_translator.Member(temporal), typeof(DateOnly?)), row.Parameters[0]);
        var extent = await db.Set<TEntity>().AsNoTracking().Select(date).GroupBy(_ => 1)
            .Select(g => new { First = g.Min(), Last = g.Max() }).FirstOrDefaultAsync(ct);
        return (extent?.First, extent?.Last);
    }

    public string Description => description;

    public async Task<(int? Matched, List<FeatureRow> Rows, bool More)> PageAsync(InventoryDbContext db, ItemsQuery query,
        CancellationToken ct)
    {
        var (selected, ordered) = Selected(db, query);
        // One row beyond the page says whether another follows, without counting.
        var rows = await From(selected, ordered, query).Take(query.Limit + 1).Select(row).ToListAsync(ct);
        var more = rows.Count > query.Limit;
        if (more)
        {
            rows.RemoveAt(query.Limit);
        }

        // The first page, when it holds them all, already says how many match; else they are counted, up to a bound.
        var whole = query is { Offset: 0, After: null } && !more;
        int? matched = whole ? rows.Count
            : await selected.Take(ItemsQuery.MaxCounted + 1).CountAsync(ct) is var n && n <= ItemsQuery.MaxCounted ? n : null;
        return (matched, rows, more);
    }

    public Task<int> MatchedAsync(InventoryDbContext db, ItemsQuery query, int upTo, CancellationToken ct) =>
        Selected(db, query).Selected.Take(upTo).CountAsync(ct);

    public IAsyncEnumerable<FeatureRow> RowsAsync(InventoryDbContext db, ItemsQuery query, bool paged)
    {
        var (selected, ordered) = Selected(db, query);
        var from = From(selected, ordered, query);
        return (paged ? from.Take(query.Limit) : from).Select(row).AsAsyncEnumerable();
    }

    /// <summary>
    /// The query's features from where its page starts: after its cursor (an index range on the key — a deep page costs
    /// what the first does), else from its offset (rows read and skipped).
    /// </summary>
    private IQueryable<TEntity> From(IQueryable<TEntity> selected, IQueryable<TEntity> ordered, ItemsQuery query) =>
        query.After is { } after
            ? selected.Where(ExpressionBinder.Bind(key, geometry, (string k, Geometry _) => k.CompareTo(after) > 0)).OrderBy(key)
            : ordered.Skip(query.Offset);

    /// <summary>The query's features (its filters, as of its instant), and in its order, the key last so that pages are stable.</summary>
    private (IQueryable<TEntity> Selected, IQueryable<TEntity> Ordered) Selected(InventoryDbContext db, ItemsQuery query)
    {
        var selected = (query.AsOf is { } asOf ? Data.History.AsOf.Table<TEntity>(db, asOf) : db.Set<TEntity>()).AsNoTracking();
        if (query.Bbox is { } bbox)
        {
            selected = selected.Where(ExpressionBinder.Bind(key, geometry, (string _, Geometry g) => g.Intersects(bbox)));
        }

        foreach (var condition in query.Conditions)
        {
            selected = selected.Where(_translator.Translate(condition));
        }

        IOrderedQueryable<TEntity>? sorted = null;
        foreach (var (name, descending) in query.SortBy)
        {
            var member = Expression.Lambda(_translator.Member(name), row.Parameters[0]);
            var method = (sorted is null ? "OrderBy" : "ThenBy") + (descending ? "Descending" : "");
            sorted = (IOrderedQueryable<TEntity>)selected.Provider.CreateQuery<TEntity>(Expression.Call(typeof(Queryable), method,
                [typeof(TEntity), member.ReturnType], (sorted ?? selected).Expression, Expression.Quote(member)));
        }

        return (selected, sorted is null ? selected.OrderBy(key) : sorted.ThenBy(key));
    }

    public Task<int> CountAsync(InventoryDbContext db, CancellationToken ct) => db.Set<TEntity>().CountAsync(ct);

    /// <summary>The feature of that key, as an entity query to project.</summary>
    private IQueryable<TEntity> ByKey(InventoryDbContext db, string featureId) =>
        db.Set<TEntity>().AsNoTracking().Where(ExpressionBinder.Bind(key, geometry, (string k, Geometry _) => k == featureId));

    public Task<FeatureRow?> FindAsync(InventoryDbContext db, string featureId, CancellationToken ct) =>
        ByKey(db, featureId).Select(row).FirstOrDefaultAsync(ct);

    public Task<VersionedRow?> FindVersionedAsync(InventoryDbContext db, string featureId, CancellationToken ct) =>
        ByKey(db, featureId)
            .Select(ExpressionBinder.Around(row, (TEntity e, FeatureRow r) =>
                new VersionedRow(r, EF.Property<uint>(e, "Version"), db.LayerVersions.Sum(v => v.Version))))
            .FirstOrDefaultAsync(ct);

    public async Task<(uint Row, long Layers)?> VersionsAsync(InventoryDbContext db, string featureId, CancellationToken ct) =>
        await ByKey(db, featureId)
            .Select(e => new { Row = EF.Property<uint>(e, "Version"), Layers = db.LayerVersions.Sum(v => v.Version) })
            .FirstOrDefaultAsync(ct) is { } found
            ? (found.Row, found.Layers)
            : null;

    public async Task<List<(FeatureRow Row, double DistanceM)>> NearestAsync(InventoryDbContext db, Point point, int count,
        CancellationToken ct)
    {
        return await RowsAsync(db, await NearestKeysAsync(db, point, count, ct), ct);
    }

    /// <summary>The keys of the <paramref name="count"/> features nearest <paramref name="point"/>, nearest first.</summary>
    public async Task<List<Ranked>> NearestKeysAsync(InventoryDbContext db, Point point, int count, CancellationToken ct)
    {
        var candidates = await NearestCandidates(db, point, count).ToListAsync(ct);
        return [.. candidates.OrderBy(c => c.DistanceM).ThenBy(c => c.Key, StringComparer.Ordinal).Take(count)];
    }

    /// <summary>The KNN query (PostGIS <c>&lt;-&gt;</c>, answered from the GiST index), public so tests can read its SQL.</summary>
    public IQueryable<Ranked> NearestCandidates(InventoryDbContext db, Point point, int count) =>
        db.Set<TEntity>().AsNoTracking()
            .OrderBy(ExpressionBinder.Bind(key, geometry, (string _, Geometry g) => EF.Functions.DistanceKnn(g, point)))
            .Take(count * CandidatesPerAnswer)
            .Select(ExpressionBinder.Bind(key, geometry, (string k, Geometry g) => new Ranked(k, EF.Functions.Distance(g, point, true))));

    /// <summary>
    /// The radius query, public so tests can read its SQL: <see cref="Geodesic.IsWithinMetres"/> (the geography GiST index
    /// finds the candidates, the spheroid test decides), nearest first.
    /// </summary>
    public IQueryable<Ranked> WithinQuery(InventoryDbContext db, Point point, double metres, int limit)
    {
        return db.Set<TEntity>().AsNoTracking()
            .Where(ExpressionBinder.Bind(key, geometry, (string _, Geometry g) => Geodesic.IsWithinMetres(g, point, metres)))
            .OrderBy(ExpressionBinder.Bind(key, geometry, (string _, Geometry g) => EF.Functions.Distance(g, point, true)))
            .ThenBy(key)
            .Take(limit)
            .Select(ExpressionBinder.Bind(key, geometry, (string k, Geometry g) => new Ranked(k, EF.Functions.Distance(g, point, true))));
    }

    public async Task<List<(FeatureRow Row, double DistanceM)>> WithinAsync(InventoryDbContext db, Point point, double metres,
        int limit, CancellationToken ct)
    {
        var found = await WithinQuery(db, point, metres, limit).ToListAsync(ct);
        return await RowsAsync(db, found, ct);
    }

    public Task<List<FeatureRow>> IntersectingAsync(InventoryDbContext db, Geometry shape, int limit, CancellationToken ct) =>
        db.Set<TEntity>().AsNoTracking()
            .Where(ExpressionBinder.Bind(key, geometry, (string _, Geometry g) => g.Intersects(shape)))
            .OrderBy(key).Take(limit).Select(row).ToListAsync(ct);

    /// <summary>The rows of ranked keys, in their rank order.</summary>
    private async Task<List<(FeatureRow Row, double DistanceM)>> RowsAsync(InventoryDbContext db, List<Ranked> ranked,
        CancellationToken ct)
    {
        var keys = ranked.Select(r => r.Key).ToList();
        var rows = await db.Set<TEntity>().AsNoTracking()
            .Where(ExpressionBinder.Bind(key, geometry, (string k, Geometry _) => keys.Contains(k)))
            .Select(row).ToDictionaryAsync(r => r.Id, ct);
        return [.. ranked.Select(r => (rows[r.Key], r.DistanceM))];
    }

    /// <summary>
    /// The published property names (the properties record's constructor parameters, camelCase) bound to the entity
    /// expressions that fill them, so that a filter on <c>carrierCode</c> reaches the carrier's code; and "geometry".
    /// </summary>
    private static Dictionary<string, Expression> QueryableMembers(
        Expression<Func<TEntity, FeatureRow>> row, Expression<Func<TEntity, Geometry>> geometry)
    {
        var feature = (NewExpression)row.Body;
        var properties = (NewExpression)(feature.Arguments[2] is UnaryExpression { NodeType: ExpressionType.Convert } c ? c.Operand : feature.Arguments[2]);
        var members = properties.Constructor!.GetParameters()
            .Select((p, i) => (Name: System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name!), Member: properties.Arguments[i]))
            .ToDictionary(m => m.Name, m => m.Member);
        members["geometry"] = new ParameterSwap(geometry.Parameters[0], row.Parameters[0]).Visit(geometry.Body);
        return members;
    }

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    /// <summary>A feature's key with its geodesic distance from the searched point.</summary>
    public sealed record Ranked(string Key, double DistanceM);

    public async Task<Envelope?> ExtentAsync(InventoryDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = _extentSql;
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
