using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.OData;
using Npgsql;

namespace LandInventory.GisApi.OData;

/// <summary>
/// The query options every OData list answers, with the limits that keep a request cheap: pages of
/// <see cref="PageSizeDefault"/> with <c>@odata.nextLink</c>, <c>$top</c> up to <see cref="MaxTopValue"/>,
/// <c>$expand</c> two levels deep, and a bounded filter size (nodes, any/all nesting). A query it refuses is an OData
/// 400 whose message names the problem, without the stack trace the stock attribute attaches.
/// </summary>
/// <remarks>
/// The stock attribute reads the page synchronously (ASP.NET Core OData 9.5's <c>TruncatedCollection</c> enumerates the
/// query in its constructor, and a <c>$count</c> is a synchronous <c>LongCount</c>; OData/AspNetCoreOData#775), which
/// holds a thread-pool thread for the query's duration and does not cancel it when the client leaves. So the options are
/// applied twice: a first pass over a capturing provider (<see cref="DeferredQueryProvider"/>) stops where the library
/// would read and yields the final expression; EF reads it asynchronously with the request's token; a second pass, the
/// library unchanged, builds the answer (page, <c>@odata.nextLink</c>, <c>@odata.count</c>) over the rows already read —
/// without binding the options again where it can (<see cref="PageReplay"/>). The database is asked once.
/// </remarks>
public sealed class InventoryQueryAttribute : EnableQueryAttribute
{
    /// <summary>Marks the second pass, whose options must be parsed anew: applying them changed the first pass's.</summary>
    private const string SecondPass = "InventoryQuery.SecondPass";

    /// <summary>The first pass's options, which a replayed second pass reuses (it binds nothing).</summary>
    private const string FirstOptions = "InventoryQuery.Options";

    /// <summary>The rows the second pass builds the page from, and the page size, when it can do so without binding.</summary>
    private const string Replay = "InventoryQuery.Replay";

    public const int PageSizeDefault = 100;
    public const int MaxTopValue = 1000;
    public const int MaxExpansion = 2;
    public const int MaxNodes = 100;

    public InventoryQueryAttribute()
    {
        PageSize = PageSizeDefault;
        MaxTop = MaxTopValue;
        MaxExpansionDepth = MaxExpansion;
        MaxNodeCount = MaxNodes;
        MaxAnyAllExpressionDepth = 2;
        MaxOrderByNodeCount = 5;
        MaxSkip = 1_000_000;
        HandleNullPropagation = HandleNullPropagationOption.False;
    }

    public override async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        OnActionExecuting(context);
        if (context.Result is not null)
        {
            return;
        }

        var executed = await next();
        if (executed.Exception is not null || executed.Result is not ObjectResult result
            || !DeferredQueryProvider.TryWrap(result.Value, out var wrapped, out var provider, out var single))
        {
            OnActionExecuted(executed);
            return;
        }

        result.Value = wrapped;
        QueryCapturedException? rows = null, count = null;
        try
        {
            OnActionExecuted(executed);
            // Nothing was read (the options were refused): that answer stands.
            provider.State = DeferredQueryProvider.Mode.Passthrough;
            return;
        }
        catch (Exception e) when (QueryCapturedException.In(e) is { } captured)
        {
            if (captured.Scalar)
            {
                count = captured;
            }
            else
            {
                rows = captured;
            }
        }

        var feature = context.HttpContext.ODataFeature();
        if (rows is not null && feature.TotalCountFunc is { } countOf)
        {
            try
            {
                countOf();
            }
            catch (Exception e) when (QueryCapturedException.In(e) is { } captured)
            {
                count = captured;
            }
        }

        // A single entity reads two rows: the library answers 500 for a key that matches more than one.
        await provider.FetchAsync(rows?.Expression, single ? 2 : int.MaxValue, count?.Expression, context.HttpContext.RequestAborted);
        feature.TotalCountFunc = null;
        if (provider.Count is { } total)
        {
            feature.TotalCount = total;
        }

        provider.State = DeferredQueryProvider.Mode.Replay;
        context.HttpContext.Items[SecondPass] = true;
        if (PageReplay.Available && rows is not null && PageReplay.PageSizeOf(rows.Expression) is { } pageSize)
        {
            context.HttpContext.Items[Replay] = (provider, pageSize, single);
        }

        OnActionExecuted(executed);
    }

    /// <summary>
    /// In a replayed second pass, the page built from the rows read (<see cref="PageReplay"/>), with the first pass's
    /// options: what binding them again would make, without the binding.
    /// </summary>
    public override IQueryable ApplyQuery(IQueryable queryable, ODataQueryOptions queryOptions)
    {
        ArgumentNullException.ThrowIfNull(queryOptions);
        var items = queryOptions.Request.HttpContext.Items;
        if (items[Replay] is not (DeferredQueryProvider provider, int pageSize, bool))
        {
            return base.ApplyQuery(queryable, queryOptions);
        }

        provider.ThrowFailures();
        var (rows, element) = provider.Buffered!.Value;
        // The options the request's feature keeps are the applied ones, as the library leaves them: the first pass's.
        return PageReplay.Page(queryOptions.Request, (ODataQueryOptions)items[FirstOptions]!, rows, element, pageSize);
    }

    protected override ODataQueryOptions CreateAndValidateQueryOptions(HttpRequest request, ODataQueryContext queryContext)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HttpContext.Items.ContainsKey(SecondPass))
        {
            var first = base.CreateAndValidateQueryOptions(request, queryContext);
            request.HttpContext.Items[FirstOptions] = first;
            return first;
        }

        // A list's replay reuses the first pass's options, parsed and validated; a single entity's are parsed anew, since
        // its validation (only $select and $expand) must not see the stable order applying them added.
        if (request.HttpContext.Items[Replay] is (DeferredQueryProvider, int, false))
        {
            return (ODataQueryOptions)request.HttpContext.Items[FirstOptions]!;
        }

        // The base keeps the first pass's options in the request; applying them set $apply's result type and the stable order.
        var options = new ODataQueryOptions(queryContext, request);
        ValidateQuery(request, options);
        return options;
    }

    public override void OnActionExecuting(ActionExecutingContext actionExecutingContext)
    {
        ArgumentNullException.ThrowIfNull(actionExecutingContext);
        try
        {
            base.OnActionExecuting(actionExecutingContext);
        }
        catch (Exception e) when (e is ArgumentException or ODataException)
        {
            // The stock attribute reads the options here and throws on some it cannot read (an empty $skiptoken).
            actionExecutingContext.Result = new BadRequestObjectResult(new ODataError
            {
                Code = ReasonCode,
                Message = $"The query options are not valid: {e.Message}",
            });
            return;
        }

        Scrub(actionExecutingContext.Result);
    }

    public override void OnActionExecuted(ActionExecutedContext actionExecutedContext)
    {
        ArgumentNullException.ThrowIfNull(actionExecutedContext);
        try
        {
            base.OnActionExecuted(actionExecutedContext);
        }
        catch (Exception e) when (Unsupported(e))
        {
            // Binding the options to LINQ, or EF translating that, failed on an unusual combination of options: say
            // that this query is not supported, without internals; the log keeps the detail.
            actionExecutedContext.HttpContext.RequestServices.GetRequiredService<ILogger<InventoryQueryAttribute>>()
                .LogWarning(e, "OData query not supported: {Query}", actionExecutedContext.HttpContext.Request.QueryString);
            actionExecutedContext.Result = new BadRequestObjectResult(new ODataError
            {
                Code = ReasonCode,
                Message = e is ODataException ? e.Message : "This combination of query options is not supported.",
            });
            return;
        }

        Scrub(actionExecutedContext.Result);
    }

    /// <summary>Anything but the database failing (or the client leaving), which the error handler maps.</summary>
    private static bool Unsupported(Exception e) => e switch
    {
        NpgsqlException or OperationCanceledException or QueryCapturedException => false,
        _ when e.InnerException is { } inner => Unsupported(inner),
        // The kinds ASP.NET Core OData and EF throw for options they cannot bind or translate (NotImplementedException
        // is OData's own word for an unsupported node); a NullReferenceException stays a 500: it is a bug to see.
        ODataException or InvalidOperationException or InvalidCastException or ArgumentException or NotSupportedException
            or NotImplementedException => true,
        _ => false,
    };

    private static void Scrub(IActionResult? result)
    {
        switch (result)
        {
            case ObjectResult { Value: SerializableError serializable } stock:
                stock.Value = new ODataError
                {
                    Code = ReasonCode,
                    Message = serializable.TryGetValue("Message", out var message) ? message as string : "The query is not valid.",
                };
                break;
            case ObjectResult { Value: ODataError error }:
                error.InnerError = null;
                error.Code = string.IsNullOrEmpty(error.Code) ? ReasonCode : error.Code;
                break;
        }
    }

    private const string ReasonCode = "BadRequest";
}
