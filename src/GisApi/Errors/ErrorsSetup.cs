using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace LandInventory.GisApi.Errors;

public static class ErrorsSetup
{
    public static IServiceCollection AddInventoryErrors(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        return services.AddExceptionHandler<ErrorHandling>();
    }

    /// <summary>
    /// Bodiless error statuses (an unknown route: 404) as ProblemDetails, or as an OData error under /odata, where clients
    /// expect one. Exceptions go through <see cref="ErrorHandling"/> (<c>UseExceptionHandler</c>).
    /// </summary>
    public static WebApplication UseInventoryStatusPages(this WebApplication app)
    {
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            if (ErrorHandling.IsOData(http))
            {
                await ErrorHandling.WriteODataErrorAsync(http, status, ReasonPhrases.GetReasonPhrase(status), http.RequestAborted);
                return;
            }

            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails { Status = status },
            });
        });
        return app;
    }
}
