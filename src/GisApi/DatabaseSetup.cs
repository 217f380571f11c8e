using System.Globalization;
using LandInventory.Data;
using Npgsql;

namespace LandInventory.GisApi;

public static class DatabaseSetup
{
    /// <summary>No request of a public service may hold a connection longer; <c>Database:StatementTimeoutSeconds</c>.</summary>
    public const int DefaultStatementTimeoutSeconds = 15;

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
    public static IServiceCollection AddInventoryDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(InventoryDatabase.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "No database configured: set ConnectionStrings:Inventory (environment ConnectionStrings__Inventory) "
                + "to a PostGIS connection string, or start the service with ./run.sh, which provides one.");
        }

        var seconds = configuration.GetValue("Database:StatementTimeoutSeconds", DefaultStatementTimeoutSeconds);
        var workers = configuration.GetValue("Database:ParallelWorkersPerQuery", 0);
        var bounded = new NpgsqlConnectionStringBuilder(connectionString);
        bounded.Options = string.Create(CultureInfo.InvariantCulture,
            $"-c statement_timeout={seconds * 1000} -c jit=off -c max_parallel_workers_per_gather={workers} {bounded.Options}").Trim();
        return services.AddInventoryData(bounded.ConnectionString);
    }
}
