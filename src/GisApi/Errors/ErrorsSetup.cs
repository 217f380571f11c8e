namespace LandInventory.GisApi.Errors;

public static class ErrorsSetup
{
    public static IServiceCollection AddInventoryErrors(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        return services.AddExceptionHandler<ErrorHandling>();
    }
}
