using LandInventory.Data;
using LandInventory.GisApi.Importing;
using Npgsql;

namespace LandInventory.GisApi.Editing;

public static class EditingSetup
{
    /// <summary>The importer's database access (no statement timeout: a large merge may run minutes) and the job runner.</summary>
    public static IServiceCollection AddInventoryEditing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ =>
        {
            var builder = new NpgsqlDataSourceBuilder(configuration.GetConnectionString(InventoryDatabase.ConnectionStringName));
            builder.UseNetTopologySuite();
            return new ImportSource(builder.Build());
        });
        services.AddSingleton<ImportJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportJobs>());
        return services;
    }
}
