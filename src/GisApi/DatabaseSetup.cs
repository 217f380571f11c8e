using LandInventory.Data;
using Microsoft.Extensions.Options;

namespace LandInventory.GisApi;

public static class DatabaseSetup
{
    /// <summary>
    /// The database from <c>ConnectionStrings:Inventory</c>; starting without one is a configuration error. Every
    /// statement the API sends is bounded by PostgreSQL's <c>statement_timeout</c>, and runs without JIT compilation:
    /// PostGIS's high cost estimates make PostgreSQL compile short spatial queries, which then spend more time (hundreds
    /// of milliseconds) compiling than running. Nor does a statement take parallel workers unless
    /// <c>Database:ParallelWorkersPerQuery</c> allows them: the same high estimates make PostgreSQL split a 100-row page
    /// over workers, which under concurrent requests only adds the cost of starting them (on two cores, "first 100 within
    /// 3 km" from 16 clients ran at half the rate with them). A connection string that sets any of these in
    /// <c>Options</c> keeps its own.
    /// </summary>
    /// <remarks>
    /// A request's context comes from the pool of the database that serves it (Replicas/DatabaseRoute): the primary's,
    /// or with <c>ConnectionStrings:InventoryRead</c> a replica's for anonymous reads.
    /// </remarks>
    public static IServiceCollection AddInventoryDatabase(this IServiceCollection services)
    {
        DatabaseOptions.Add(services);
        services.AddHttpContextAccessor();
        services.AddSingleton<Replicas.DatabaseRoute>();
        services.AddSingleton(provider => provider.GetRequiredService<Replicas.DatabaseRoute>().Primary);
        services.AddHostedService<Replicas.ReplicaMonitor>();
        return services.AddScoped(provider => provider.GetRequiredService<Replicas.DatabaseRoute>()
            .CreateContext(provider.GetRequiredService<IHttpContextAccessor>().HttpContext));
    }
}
