using System.Text.Json;
using LandInventory.GisApi.OData;
using LandInventory.GisApi.Ogc.Cql2;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;

namespace LandInventory.GisApi.Errors;

/// <summary>
/// The one place that turns exceptions into error responses: ProblemDetails, or an OData error body under /odata. A
/// refusal (<see cref="RequestRefusedException"/>) is answered with the status its <see cref="Refusal"/> stands for, a
/// CQL2 filter that cannot be read or applied with 400; a database that cannot be reached is the service being unavailable (503), not a bug; a query PostgreSQL cannot
/// evaluate on the client's values (division by zero, a value out of range) is the client's 400; a statement that
/// outran its timeout is a 503; a write a database constraint refused is a 409; anything unexpected is a 500 that never
/// shows a stack trace or SQL.
/// </summary>
public sealed class ErrorHandling(IProblemDetailsService problemDetails, ILogger<ErrorHandling> logger) : IExceptionHandler
{
    /// <summary>The status of each refusal: the one table from the domain's reasons to HTTP.</summary>
    private static readonly Dictionary<Refusal, int> Statuses = new()
    {
        [Refusal.Invalid] = StatusCodes.Status400BadRequest,
        [Refusal.NotSignedIn] = StatusCodes.Status401Unauthorized,
        [Refusal.NotYours] = StatusCodes.Status403Forbidden,
        [Refusal.NotFound] = StatusCodes.Status404NotFound,
        [Refusal.Conflict] = StatusCodes.Status409Conflict,
        [Refusal.Stale] = StatusCodes.Status412PreconditionFailed,
        [Refusal.TooLarge] = StatusCodes.Status413PayloadTooLarge,
        [Refusal.Unprocessable] = StatusCodes.Status422UnprocessableEntity,
        [Refusal.NeedsIfMatch] = StatusCodes.Status428PreconditionRequired,
        [Refusal.Busy] = StatusCodes.Status429TooManyRequests,
    };

    public static int StatusOf(Refusal refusal) => Statuses[refusal];

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, errors) = Classify(exception, httpContext);
        if (status >= 500)
        {
            logger.LogError(exception, "Request {Method} {Path} failed with {Status}", httpContext.Request.Method,
                httpContext.Request.Path, status);
        }

        httpContext.Response.StatusCode = status;
        if (IsOData(httpContext))
        {
            // OData clients read the message: the detail, or where each field's problem is in the details, the title.
            var details = errors?.Select(e => new { code = "InvalidValue", target = e.Field, message = e.Message });
            await httpContext.Response.WriteAsJsonAsync(ODataError(status, errors is null ? detail ?? title : title, details), JsonOptions,
                cancellationToken);
            return true;
        }

        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    /// <summary>What an error answer says: its status, title, and where there are any, detail and field problems.</summary>
    private sealed record Answer(int Status, string Title, string? Detail = null, IReadOnlyList<FieldError>? Errors = null);

    private static Answer Classify(Exception exception, HttpContext httpContext) => exception switch
    {
        RequestRefusedException refused => new(Statuses[refused.Refusal], refused.Title, refused.Message, refused.Errors),
        Cql2Exception cql2 => new(StatusCodes.Status400BadRequest, "Invalid items request", cql2.Message),
        Downloads.DownloadFailedException failed => new(StatusCodes.Status500InternalServerError, "The download could not be written", failed.Message),
        _ => Failure(exception, httpContext),
    };

    /// <summary>What failed underneath the request: the database, the client, or a bug.</summary>
    private static Answer Failure(Exception exception, HttpContext httpContext) => Innermost(exception) switch
    {
        BadHttpRequestException bad => new(bad.StatusCode, "The request could not be read."),
        PostgresException { SqlState: PostgresErrorCodes.QueryCanceled } => new(StatusCodes.Status503ServiceUnavailable,
            "The query took longer than the service allows; narrow it (a smaller area, a tighter filter, fewer rows)."),
        PostgresException { SqlState: var state } pg when state.StartsWith("22", StringComparison.Ordinal) =>
            new(StatusCodes.Status400BadRequest, $"The query cannot be evaluated on these values: {pg.MessageText}."),
        // A delete of what others still point to: the database's foreign key says by what.
        PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } pg when HttpMethods.IsDelete(httpContext.Request.Method) =>
            new(StatusCodes.Status409Conflict, "The feature is in use",
                $"The feature is still referred to ({pg.TableName}): remove or move those first."),
        // A write the API's own checks let through and a database rule refused: the client's change conflicts.
        PostgresException { SqlState: var state } pg when state.StartsWith("23", StringComparison.Ordinal) =>
            new(StatusCodes.Status409Conflict, $"The change conflicts with a rule of the inventory ({pg.ConstraintName ?? pg.SqlState}); nothing was written."),
        NpgsqlException or TimeoutException => new(StatusCodes.Status503ServiceUnavailable,
            "The inventory database is unavailable; try again shortly."),
        OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => new(499, "Client closed request."),
        _ => new(StatusCodes.Status500InternalServerError, "An unexpected error occurred."),
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

    private static object ODataError(int status, string message, object? details = null) =>
        details is null
            ? new { error = new { code = ReasonCode(status), message } }
            : new { error = new { code = ReasonCode(status), message, details } };

    private static string ReasonCode(int status) =>
        ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase.Replace(" ", "", StringComparison.Ordinal) : status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
