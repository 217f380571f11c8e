using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace LandInventory.GisApi.Http;

/// <summary>
/// Once the service listens, it asks itself what the map page asks first (the four layers' items, the carriers' area
/// membership, the page's own files), so that the first investor does not wait for .NET and EF to compile those paths
/// (about half a second on two cores). In the background, best effort: a failure is logged and changes nothing.
/// <c>Warmup:Enabled</c> (default true) switches it off.
/// </summary>
public sealed class Warmup(IServer server, IHostApplicationLifetime lifetime, IOptions<WarmupOptions> settings, ILogger<Warmup> logger)
    : BackgroundService
{
    private static readonly string[] Paths =
    [
        "/", "/map/config.json", .. InventoryLayers.All.Select(l => $"/ogc/collections/{l.Id}/items?limit=1000"),
        // The area filter of the map's list: OData's bound function, through its first compilation.
        $"/odata/{Carriers.CarriersController.Set}/InArea(areaId='shiling')?$select=code&$top=1000",
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Value.Enabled || !await StartedAsync(stoppingToken))
        {
            return;
        }

        // Only a real listener has an address (the in-memory test server has none): ask it over loopback.
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => a.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal))
            .FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal));
        if (address is null)
        {
            return;
        }

        // Best effort, and never fatal: an exception escaping a hosted service would stop the whole service.
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
            foreach (var path in Paths)
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative), stoppingToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Warm-up stopped: {Message}", e.Message);
        }
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult(true));
        using var onStopping = stoppingToken.Register(() => started.TrySetResult(false));
        return await started.Task;
    }
}
