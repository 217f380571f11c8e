using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LandInventory.GisApi.Inquiries;

public static class InquiriesSetup
{
    /// <summary>The inquiry form's guard, the outbox and its worker, and the per-address limit on sending inquiries.</summary>
    public static IServiceCollection AddInventoryInquiries(this IServiceCollection services)
    {
        services.AddSettings<InquiriesOptions>(InquiriesOptions.Section);
        services.AddSingleton<InquiryForm>();
        services.AddSingleton<InquiryOutbox>();
        services.AddSingleton<InquiryWork>();
        services.AddHostedService(provider => provider.GetRequiredService<InquiryWork>());
        services.AddHttpClient(nameof(InquiryWork), client => client.Timeout = TimeSpan.FromSeconds(10));
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<InquiriesOptions>>((limits, settings) =>
            limits.AddPolicy(InquiryEndpoints.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                $"inquiries:{context.Connection.RemoteIpAddress}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.Value.PerHourPerAddress, Window = TimeSpan.FromHours(1), QueueLimit = 0,
                })));
        return services;
    }
}
