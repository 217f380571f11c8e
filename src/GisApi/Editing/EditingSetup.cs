using LandInventory.GisApi.Importing;
using Microsoft.Extensions.Options;
using LandInventory.Import;

namespace LandInventory.GisApi.Editing;

public static class EditingSetup
{
    /// <summary>
    /// The importer's database access — its statements bounded by <c>Imports:StatementTimeoutSeconds</c> (a large merge may
    /// run minutes, not forever) — and the job runner.
    /// </summary>
    public static IServiceCollection AddInventoryEditing(this IServiceCollection services)
    {
        services.AddSettings<ImportsOptions>(ImportsOptions.Section);
        services.AddSingleton(provider => new ImportSource(ImportRun.CreateDataSource(
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Bounded(
                provider.GetRequiredService<IOptions<ImportsOptions>>().Value.StatementTimeoutSeconds))));
        services.AddSingleton<ImportJobs>();
        services.AddSingleton<ImportRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportRunner>());
        return services;
    }
}
