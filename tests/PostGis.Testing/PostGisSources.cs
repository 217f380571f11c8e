using System.Net.Http;
using System.Net.Sockets;

namespace LandInventory.PostGis.Testing;

/// <summary>Finds the first way to a PostGIS server that works here (see <see cref="PostGisServer"/>).</summary>
internal static class PostGisSources
{
    public static async Task<IPostGisSource> StartAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(PostGisServer.EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new ExternalServer(fromEnvironment);
        }

        if (await DockerAnswersAsync())
        {
            return await ContainerServer.StartAsync();
        }

        if (LocalCluster.FindBinaries() is { } binaries)
        {
            return await LocalCluster.StartAsync(binaries);
        }

        throw new InvalidOperationException($"""
            No PostGIS server for the tests. Any one of these gives one:
              - set {PostGisServer.EnvironmentVariable} to a connection string of a role that may create databases, on a
                server with PostGIS 3 available;
              - start a Docker engine (the tests then run the pinned {ContainerServer.Image} image);
              - install PostgreSQL and PostGIS: apt-get install postgresql-15 postgresql-15-postgis-3 (./test.sh does this).
            """);
    }

    /// <summary>True when a Docker engine answers its ping within two seconds (a client alone is not enough).</summary>
    private static async Task<bool> DockerAnswersAsync()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var socket = host is null ? "/var/run/docker.sock"
            : host.StartsWith("unix://", StringComparison.Ordinal) ? host["unix://".Length..] : null;
        if (socket is null)
        {
            return host is not null; // a TCP engine: let Testcontainers try it and say what is wrong
        }

        if (!File.Exists(socket))
        {
            return false;
        }

        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), ct);
                return new NetworkStream(s, ownsSocket: true);
            },
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await client.GetAsync(new Uri("http://docker/_ping"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or TaskCanceledException)
        {
            return false;
        }
    }

    private sealed class ExternalServer(string connectionString) : IPostGisSource
    {
        public string AdminConnectionString => connectionString;

        public string Description => $"server from {PostGisServer.EnvironmentVariable}";

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
