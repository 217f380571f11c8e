using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.EntityFrameworkCore.Query;

namespace LandInventory.GisApi.OData;

/// <summary>
/// EF's query provider, wrapped so that ASP.NET Core OData's synchronous read of a page can be done asynchronously
/// (<see cref="InventoryQueryAttribute"/>). Composition goes to EF unchanged. Reading depends on <see cref="State"/>:
/// <see cref="Mode.Capture"/> stops where the library would read and hands over the final expression
/// (<see cref="QueryCapturedException"/>); <see cref="Mode.Replay"/> answers from the rows <see cref="FetchAsync"/> read in
/// between; <see cref="Mode.Passthrough"/> reads as EF would.
/// </summary>
public sealed class DeferredQueryProvider(IQueryProvider inner) : IQueryProvider
{
    private static readonly MethodInfo BufferMethod =
        typeof(DeferredQueryProvider).GetMethod(nameof(BufferAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private object? _rows;
    private Type? _element;
    private ExceptionDispatchInfo? _rowsFailure;
    private ExceptionDispatchInfo? _countFailure;

    public enum Mode
    {
        Capture,
        Replay,
        Passthrough,
    }

    public Mode State { get; set; } = Mode.Capture;

    public long? Count { get; private set; }

    /// <summary>An EF queryable, or a <see cref="SingleResult"/> over one, wrapped; false for anything else.</summary>
    public static bool TryWrap(object? value, out object wrapped, out DeferredQueryProvider provider, out bool singleEntity)
    {
        singleEntity = value is SingleResult;
        var query = value is SingleResult result ? result.Queryable : value as IQueryable;
        if (query?.Provider is not IAsyncQueryProvider)
        {
            (wrapped, provider) = (null!, null!);
            return false;
        }

        provider = new DeferredQueryProvider(query.Provider);
        var deferred = provider.Wrap(query);
        wrapped = singleEntity ? Activator.CreateInstance(typeof(SingleResult<>).MakeGenericType(deferred.ElementType), deferred)! : deferred;
        return true;
    }

    public IQueryable CreateQuery(Expression expression) => Wrap(inner.CreateQuery(expression));

    public IQueryable<TElement> CreateQuery<TElement>(Expression expression) =>
        new DeferredQueryable<TElement>(this, inner.CreateQuery<TElement>(expression));

    public object? Execute(Expression expression) =>
        State == Mode.Capture ? throw new QueryCapturedException(expression, scalar: true) : inner.Execute(expression);

    public TResult Execute<TResult>(Expression expression)
    {
        switch (State)
        {
            case Mode.Capture:
                throw new QueryCapturedException(expression, scalar: true);
            case Mode.Replay:
                _countFailure?.Throw();
                if (Count is { } count && typeof(TResult) == typeof(long))
                {
                    return (TResult)(object)count;
                }

                break;
        }

        return inner.Execute<TResult>(expression);
    }

    /// <summary>
    /// Reads what the capture found, asynchronously: at most <paramref name="max"/> rows of <paramref name="rows"/> and
    /// the count <paramref name="count"/> asks for. A failure is kept, to be thrown where the library reads, so that it
    /// takes the path it always took (the query attribute's 400, or the error handler).
    /// </summary>
    public async Task FetchAsync(Expression? rows, int max, Expression? count, CancellationToken ct)
    {
        if (rows is not null)
        {
            try
            {
                var query = inner.CreateQuery(rows);
                _element = query.ElementType;
                _rows = await (Task<object>)BufferMethod.MakeGenericMethod(query.ElementType).Invoke(null, [query, max, ct])!;
            }
            catch (Exception e)
            {
                _rowsFailure = ExceptionDispatchInfo.Capture(e);
                return;
            }
        }

        if (count is not null)
        {
            try
            {
                Count = await ((IAsyncQueryProvider)inner).ExecuteAsync<Task<long>>(count, ct);
            }
            catch (Exception e)
            {
                _countFailure = ExceptionDispatchInfo.Capture(e);
            }
        }
    }

    /// <summary>The rows read and their element type, for a second pass that builds the page from them directly.</summary>
    internal (IList Rows, Type Element)? Buffered => _rows is IList rows ? (rows, _element!) : null;

    /// <summary>Throws what the read failed with, where the library would have read.</summary>
    internal void ThrowFailures()
    {
        _rowsFailure?.Throw();
        _countFailure?.Throw();
    }

    internal IEnumerator<TElement> Enumerate<TElement>(IQueryable<TElement> query)
    {
        switch (State)
        {
            case Mode.Capture:
                throw new QueryCapturedException(query.Expression, scalar: false);
            case Mode.Replay:
                _rowsFailure?.Throw();
                if (_rows is List<TElement> rows)
                {
                    _rows = null;
                    return rows.GetEnumerator();
                }

                break;
        }

        return query.GetEnumerator();
    }

    private IQueryable Wrap(IQueryable query) =>
        (IQueryable)Activator.CreateInstance(typeof(DeferredQueryable<>).MakeGenericType(query.ElementType), this, query)!;

    // The element type is the query's, which $select, $apply and $compute make a wrapper type, not the entity.
    private static async Task<object> BufferAsync<TElement>(IQueryable query, int max, CancellationToken ct)
    {
        var rows = new List<TElement>();
        await foreach (var row in ((IAsyncEnumerable<TElement>)query).WithCancellation(ct))
        {
            rows.Add(row);
            if (rows.Count == max)
            {
                break;
            }
        }

        return rows;
    }
}

/// <summary>A queryable of <see cref="DeferredQueryProvider"/>: its expression is EF's, its reading the provider's.</summary>
public sealed class DeferredQueryable<TElement>(DeferredQueryProvider provider, IQueryable<TElement> inner) : IOrderedQueryable<TElement>
{
    public Type ElementType => typeof(TElement);

    public Expression Expression => inner.Expression;

    public IQueryProvider Provider => provider;

    public IEnumerator<TElement> GetEnumerator() => provider.Enumerate(inner);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Thrown by a capturing provider where the library would have read the database: the expression it would run.</summary>
public sealed class QueryCapturedException(Expression expression, bool scalar) : Exception("The query was captured, to be read asynchronously.")
{
    public Expression Expression { get; } = expression;

    /// <summary>A count (<c>$count=true</c>, <c>/$count</c>) rather than rows.</summary>
    public bool Scalar { get; } = scalar;

    /// <summary>The capture in <paramref name="e"/> or its inner exceptions (reflection wraps what the library invokes).</summary>
    public static QueryCapturedException? In(Exception? e) => e switch
    {
        null => null,
        QueryCapturedException captured => captured,
        _ => In(e.InnerException),
    };
}
