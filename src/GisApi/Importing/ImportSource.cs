using Npgsql;

namespace LandInventory.GisApi.Importing;

/// <summary>
/// The database imports write through from the API (jobs, and the OGC create and replace of a feature): the service's
/// connection string without its <c>statement_timeout</c>, since a large import's merge rightly runs longer than any
/// read may. It owns its data source (and so its connections), which the container disposes at shutdown.
/// </summary>
public sealed class ImportSource(NpgsqlDataSource dataSource) : IAsyncDisposable, IDisposable
{
    public NpgsqlDataSource DataSource => dataSource;

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    public void Dispose() => dataSource.Dispose();
}
