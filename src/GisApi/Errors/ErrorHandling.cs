using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace LandInventory.GisApi.Errors;

/// <summary>
/// The one place that turns exceptions into ProblemDetails. A database that cannot be reached is the service being
/// unavailable (503), not a bug; anything unexpected is a 500 that never shows a stack trace or SQL.
/// </summary>
public sealed class ErrorHandling(IProblemDetailsService problemDetails, ILogger<ErrorHandling> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read."),
            NpgsqlException or TimeoutException => (StatusCodes.Status503ServiceUnavailable,
                "The inventory database is unavailable; try again shortly."),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request."),
            _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred."),
        };
        if (status >= 500)
        {
            logger.LogError(exception, "Request {Method} {Path} failed with {Status}", httpContext.Request.Method,
                httpContext.Request.Path, status);
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Status = status, Title = title },
        });
    }
}
