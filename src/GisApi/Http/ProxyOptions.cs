using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace LandInventory.GisApi.Http;

/// <summary>
/// <c>Proxies:Trusted</c>: the reverse proxies (addresses, or networks as <c>10.0.0.0/8</c>) whose <c>X-Forwarded-For</c>
/// and <c>X-Forwarded-Proto</c> the service believes. None by default: then the headers are ignored, since anyone can
/// send them and would choose their own address (and rate-limit bucket) by it.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string Section = "Proxies";

    public string[] Trusted { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Trusted.Where(t => !IPAddress.TryParse(t, out _) && !System.Net.IPNetwork.TryParse(t, out _))
            .Select(t => new ValidationResult($"Proxies:Trusted: '{t}' is neither an IP address nor a network (10.0.0.0/8)."));

    /// <summary>The forwarded-headers middleware, believing the trusted proxies alone; none when no proxy is trusted.</summary>
    public static WebApplication UseTrustedProxies(WebApplication app)
    {
        var trusted = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProxyOptions>>().Value.Trusted;
        if (trusted.Length == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = null, // a chain of trusted proxies is walked back to the first address none of them is
        };
        options.KnownProxies.Clear(); // ASP.NET trusts loopback by default; only what is configured is trusted here
        options.KnownIPNetworks.Clear();
        foreach (var entry in trusted)
        {
            if (IPAddress.TryParse(entry, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
            }
        }

        app.UseForwardedHeaders(options);
        return app;
    }
}
