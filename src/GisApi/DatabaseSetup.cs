using LandInventory.Data;

namespace LandInventory.GisApi;

public static class DatabaseSetup
{
    /// <summary>The database from <c>ConnectionStrings:Inventory</c>; starting without one is a configuration error.</summary>
    public static IServiceCollection AddInventoryDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(InventoryDatabase.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "No database configured: set ConnectionStrings:Inventory (environment ConnectionStrings__Inventory) "
                + "to a PostGIS connection string, or start the service with ./run.sh, which provides one.");
        }

        return services.AddInventoryData(connectionString);
    }
}
