using System.Net;
using System.Net.Sockets;

namespace LandInventory.GisApi.Tests;

/// <summary>The API on Kestrel at a free loopback port, for clients that need a real socket (GDAL, raw HTTP).</summary>
public sealed class KestrelServer : IAsyncDisposable
{
    private readonly ApiFactory _factory;

    private KestrelServer(ApiFactory factory) => _factory = factory;

    public static KestrelServer Start(string connectionString, out string baseUrl, params (string Key, string Value)[] settings) =>
        Start(connectionString, out baseUrl, _ => settings);

    /// <summary>The same, with settings that may name the port the service listens on.</summary>
    public static KestrelServer Start(string connectionString, out string baseUrl, Func<int, (string Key, string Value)[]> settings)
    {
        var port = FreePort();
        var factory = new ApiFactory(connectionString, settings(port));
        factory.UseKestrel(port);
        factory.StartServer();
        baseUrl = $"http://127.0.0.1:{port}";
        return new KestrelServer(factory);
    }

    /// <summary>The running service's container (to stop it as a host would).</summary>
    public IServiceProvider Services => _factory.Services;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
