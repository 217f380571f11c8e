using LandInventory.GisApi.Importing;
using Microsoft.Extensions.Options;
using LandInventory.Import;

namespace LandInventory.GisApi.Editing;

public static class EditingSetup
{
    /// <summary>The importer's database access (no statement timeout: a large merge may run minutes) and the job runner.</summary>
    public static IServiceCollection AddInventoryEditing(this IServiceCollection services)
    {
        services.AddSettings<ImportsOptions>(ImportsOptions.Section);
        services.AddSingleton(provider =>
            new ImportSource(ImportRun.CreateDataSource(provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString!)));
        services.AddSingleton<ImportJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportJobs>());
        return services;
    }
}
