namespace LandInventory.GisApi;

public static class SettingsSetup
{
    /// <summary>
    /// A settings class bound to its configuration section and checked when the service starts: a value of the wrong type
    /// or out of range stops start-up with a message naming the key (each class's attributes say which), instead of
    /// surfacing on the first request that reads it.
    /// </summary>
    public static IServiceCollection AddSettings<T>(this IServiceCollection services, string section)
        where T : class
    {
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
