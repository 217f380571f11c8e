using Npgsql;
using Xunit;

namespace LandInventory.PostGis.Testing;

/// <summary>
/// A real PostgreSQL + PostGIS server for one test run, shared by every test class of an assembly
/// (<c>[assembly: AssemblyFixture(typeof(PostGisServer))]</c>). Where it comes from, in order:
/// <list type="number">
/// <item>the environment: <c>LANDINVENTORY_TEST_POSTGRES</c>, a connection string of a role that may create databases;</item>
/// <item>a Docker engine that answers: Testcontainers with a pinned <c>postgis/postgis</c> image;</item>
/// <item>PostgreSQL and PostGIS installed on this machine: a throwaway cluster in a temporary folder;</item>
/// </list>
/// else the run fails, saying how to get one. Never SQLite, in-memory or a mock: spatial SQL needs the real thing.
/// </summary>
public sealed class PostGisServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "LANDINVENTORY_TEST_POSTGRES";

    private IPostGisSource? _source;

    /// <summary>A connection string to the <c>postgres</c> database with the right to create databases.</summary>
    public string AdminConnectionString { get; private set; } = "";

    /// <summary>Where the server came from, for the test log.</summary>
    public string Description => _source?.Description ?? "(not started)";

    /// <summary>An empty database with the migrated schema, copied for each test class.</summary>
    internal TemplateDatabase Template { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _source = await PostGisSources.StartAsync();
        AdminConnectionString = _source.AdminConnectionString;
        Template = await TemplateDatabase.CreateAsync(AdminConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (Template is not null)
        {
            await Template.DropAsync();
        }

        if (_source is not null)
        {
            await _source.DisposeAsync();
        }
    }
}
