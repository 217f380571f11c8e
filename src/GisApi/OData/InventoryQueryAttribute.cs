using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
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
public sealed class InventoryQueryAttribute : EnableQueryAttribute
{
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
        NpgsqlException or OperationCanceledException => false,
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
