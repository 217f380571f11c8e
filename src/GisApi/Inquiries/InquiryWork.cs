using System.Net.Http.Json;
using System.Threading.Channels;
using LandInventory.Data;
using LandInventory.Data.Inquiries;
using LandInventory.GisApi.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LandInventory.GisApi.Inquiries;

/// <summary>The inquiries waiting to be delivered beyond the inbox (by id: nothing personal waits in memory).</summary>
public sealed class InquiryOutbox
{
    private readonly Channel<Guid> _queue = Channel.CreateBounded<Guid>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });

    public void Deliver(Guid id) => _queue.Writer.TryWrite(id);

    public IAsyncEnumerable<Guid> ReadAllAsync(CancellationToken ct) => _queue.Reader.ReadAllAsync(ct);
}

/// <summary>
/// Delivers each new inquiry to the bureau's webhook and e-mail address, when configured (the inbox has it already), and
/// deletes inquiries older than <c>Inquiries:RetentionDays</c> a minute after start and then every hour. The log names an inquiry by its reference
/// and bureau only.
/// </summary>
public sealed partial class InquiryWork(
    IServiceScopeFactory scopes, InquiryOutbox outbox, IHttpClientFactory http, IOptions<InquiriesOptions> options,
    ILogger<InquiryWork> log, TimeProvider clock) : BackgroundService
{
    private static readonly Editor Sweeper = new("inquiry-retention", IsAdmin: true, Steward: null);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAll(DeliverAllAsync(stoppingToken), SweepAsync(stoppingToken));
    }

    /// <summary>Deletes the inquiries past their retention; what it deleted, by count.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
        var before = clock.GetUtcNow().AddDays(-options.Value.RetentionDays);
        await using var transaction = await Editing.Writes.AsEditorAsync(db, Sweeper, ct);
        var deleted = await db.Inquiries.Where(i => i.CreatedAt < before).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return deleted;
    }

    private async Task SweepAsync(CancellationToken ct)
    {
        // Not in the middle of starting: a minute in, then every hour.
        await Task.Delay(TimeSpan.FromMinutes(1), clock, ct);
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                if (await SweepOnceAsync(ct) is var deleted and > 0)
                {
                    LogSwept(deleted, options.Value.RetentionDays);
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                LogSweepFailed(e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(ct));
    }

    private async Task DeliverAllAsync(CancellationToken ct)
    {
        await foreach (var id in outbox.ReadAllAsync(ct))
        {
            try
            {
                await DeliverAsync(id, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // A webhook's timeout is an OperationCanceledException too: it must not end the delivery loop.
                LogDeliveryFailed(id, e.GetType().Name);
            }
        }
    }

    private async Task DeliverAsync(Guid id, CancellationToken ct)
    {
        var settings = options.Value;
        var webhook = string.IsNullOrWhiteSpace(settings.WebhookUrl) ? null : settings.WebhookUrl;
        if (webhook is null && string.IsNullOrWhiteSpace(settings.SmtpHost))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
        Inquiry? inquiry;
        await using (var transaction = await Editing.Writes.AsEditorAsync(db, Sweeper, ct))
        {
            inquiry = await db.Inquiries.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        }

        if (inquiry is null)
        {
            return;
        }

        if (webhook is not null)
        {
            using var response = await http.CreateClient(nameof(InquiryWork)).PostAsJsonAsync(webhook, InquiryView.Of(inquiry), ct);
            if (response.IsSuccessStatusCode)
            {
                LogDelivered(inquiry.Reference, inquiry.StewardId, "webhook", (int)response.StatusCode);
            }
            else
            {
                LogRefused(inquiry.Reference, inquiry.StewardId, (int)response.StatusCode);
            }
        }

        if (!string.IsNullOrWhiteSpace(settings.SmtpHost) && settings.BureauAddresses.TryGetValue(inquiry.StewardId, out var address))
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(TimeSpan.FromSeconds(30)); // a server that never answers must not hold up the queue
            await InquiryMail.SendAsync(settings, address, inquiry, limit.Token);
            LogDelivered(inquiry.Reference, inquiry.StewardId, "e-mail", 250);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inquiry {Reference} for {Steward} delivered by {Channel} ({Status})")]
    private partial void LogDelivered(string reference, string steward, string channel, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inquiry {Reference} for {Steward}: the webhook answered {Status}; it is in the inbox only")]
    private partial void LogRefused(string reference, string steward, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inquiry {Id} could not be delivered beyond the inbox: {Error}")]
    private partial void LogDeliveryFailed(Guid id, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} inquiries older than {Days} days")]
    private partial void LogSwept(int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The inquiry retention sweep failed: {Error}")]
    private partial void LogSweepFailed(string error);
}
