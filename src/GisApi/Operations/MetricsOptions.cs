using System.ComponentModel.DataAnnotations;

namespace LandInventory.GisApi.Operations;

/// <summary>
/// Where <c>/metrics</c> is served (<c>Metrics:…</c>): by default to admins' tokens only; with <see cref="Port"/>, on that
/// management port alone — which the operator adds to the service's addresses (<c>Urls</c>) and keeps off the public
/// network — without a token, as Prometheus scrapes.
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    [Range(1, 65535, ErrorMessage = "Metrics:Port must be a port number (1 to 65535), or left out for admin tokens only.")]
    public int? Port { get; set; }
}
