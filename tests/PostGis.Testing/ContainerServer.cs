using Testcontainers.PostgreSql;

namespace LandInventory.PostGis.Testing;

/// <summary>PostGIS in a container, where a Docker engine runs (CI elsewhere, developers' laptops).</summary>
internal sealed class ContainerServer(PostgreSqlContainer container) : IPostGisSource
{
    /// <summary>Pinned: the same PostgreSQL and PostGIS versions as the Debian packages and docker/compose.yaml.</summary>
    public const string Image = "postgis/postgis:15-3.3";

    public string AdminConnectionString => container.GetConnectionString();

    public string Description => $"container {Image}";

    public static async Task<IPostGisSource> StartAsync()
    {
        var container = new PostgreSqlBuilder(Image).WithDatabase("postgres").Build();
        await container.StartAsync();
        return new ContainerServer(container);
    }

    public ValueTask DisposeAsync() => container.DisposeAsync();
}
