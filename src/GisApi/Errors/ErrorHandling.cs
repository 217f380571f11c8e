using System.Text.Json;
using LandInventory.GisApi.OData;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;

namespace LandInventory.GisApi.Errors;

/// <summary>
/// The one place that turns exceptions into error responses: ProblemDetails, or an OData error body under /odata. A
/// database that cannot be reached is the service being unavailable (503), not a bug; a query PostgreSQL cannot
/// evaluate on the client's values (division by zero, a value out of range) is the client's 400; a statement that
/// outran its timeout is a 503; a write a database constraint refused is a 409; anything unexpected is a 500 that never
/// shows a stack trace or SQL.
/// </summary>
public sealed class ErrorHandling(IProblemDetailsService problemDetails, ILogger<ErrorHandling> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = Classify(exception, httpContext);
        if (status >= 500)
        {
            logger.LogError(exception, "Request {Method} {Path} failed with {Status}", httpContext.Request.Method,
                httpContext.Request.Path, status);
        }

        httpContext.Response.StatusCode = status;
        if (IsOData(httpContext))
        {
            await WriteODataErrorAsync(httpContext, status, title, cancellationToken);
            return true;
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Status = status, Title = title },
        });
    }

    private static (int Status, string Title) Classify(Exception exception, HttpContext httpContext) => Innermost(exception) switch
    {
        BadHttpRequestException bad => (bad.StatusCode, "The request could not be read."),
        PostgresException { SqlState: PostgresErrorCodes.QueryCanceled } => (StatusCodes.Status503ServiceUnavailable,
            "The query took longer than the service allows; narrow it (a smaller area, a tighter filter, fewer rows)."),
        PostgresException { SqlState: var state } pg when state.StartsWith("22", StringComparison.Ordinal) =>
            (StatusCodes.Status400BadRequest, $"The query cannot be evaluated on these values: {pg.MessageText}."),
        // A write the API's own checks let through and a database rule refused: the client's change conflicts.
        PostgresException { SqlState: var state } pg when state.StartsWith("23", StringComparison.Ordinal) =>
            (StatusCodes.Status409Conflict, $"The change conflicts with a rule of the inventory ({pg.ConstraintName ?? pg.SqlState}); nothing was written."),
        NpgsqlException or TimeoutException => (StatusCodes.Status503ServiceUnavailable,
            "The inventory database is unavailable; try again shortly."),
        OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request."),
        _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred."),
    };

    /// <summary>EF and reflection wrap the database's exception; the classification is by what actually failed.</summary>
    private static Exception Innermost(Exception exception) =>
        exception is NpgsqlException ? exception
        : exception.InnerException is { } inner ? Innermost(inner) : exception;

    public static bool IsOData(HttpContext httpContext) =>
        httpContext.Request.Path.StartsWithSegments("/" + ODataSetup.Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The OData JSON error body (<c>{"error":{"code","message"}}</c>) that OData clients read.</summary>
    public static Task WriteODataErrorAsync(HttpContext httpContext, int status, string message, CancellationToken ct) =>
        httpContext.Response.WriteAsJsonAsync(ODataError(status, message), JsonOptions, ct);

    /// <summary>The OData JSON error as a result, with per-field <paramref name="details"/> when there are any.</summary>
    public static IResult ODataErrorResult(int status, string message, object? details = null) =>
        Results.Json(ODataError(status, message, details), JsonOptions, statusCode: status);

    private static object ODataError(int status, string message, object? details = null) =>
        details is null
            ? new { error = new { code = ReasonCode(status), message } }
            : new { error = new { code = ReasonCode(status), message, details } };

    private static string ReasonCode(int status) =>
        ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase.Replace(" ", "", StringComparison.Ordinal) : status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
