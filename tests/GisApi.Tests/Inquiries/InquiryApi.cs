using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LandInventory.GisApi.Tests.Editing;
using LandInventory.PostGis.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace LandInventory.GisApi.Tests.Inquiries;

/// <summary>
/// A class fixture for inquiries: the API over data/geojson with a signing key, a form that may be sent after one second,
/// a webhook that is a listener of the test's own, and every log line the API writes kept for inspection.
/// </summary>
public sealed class InquiryApi(PostGisServer server) : IAsyncLifetime
{
    public const int MinSeconds = 1;

    private readonly HttpListener _hook = new();
    private Task? _listening;

    public EditableApi Api { get; } = new(server);

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public CapturedLogs Logs { get; } = new();

    /// <summary>The bodies the webhook received, as JSON.</summary>
    public ConcurrentQueue<JsonElement> Delivered { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await Api.InitializeAsync();
        var port = KestrelServer.FreePort();
        _hook.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        _hook.Start();
        _listening = ListenAsync();
        Factory = new ApiFactory(Api.Database.ConnectionString, ("Auth:SigningKey", EditableApi.SigningKey), ("Warmup:Enabled", "false"),
                ("Inquiries:MinSecondsToFill", MinSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Inquiries:PerHourPerAddress", "1000"), ("Inquiries:WebhookUrl", $"http://127.0.0.1:{port}/hook/"))
            .WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace)));
    }

    public HttpClient Client(string? role = null, string? steward = null)
    {
        var client = Factory.CreateClient();
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
                LandInventory.Auth.DevelopmentTokens.Mint(Api.Settings, "tester", role, steward, TimeSpan.FromHours(1)));
        }

        return client;
    }

    /// <summary>A form token as the page gets it, aged past the guard's minimum.</summary>
    public static async Task<string> FormTokenAsync(HttpClient client)
    {
        var ticket = await client.GetFromJsonAsync<JsonElement>("/sites/inquiry-form", TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(MinSeconds + 0.2), TestContext.Current.CancellationToken);
        return ticket.GetProperty("formToken").GetString()!;
    }

    /// <summary>Asks about a site as an investor would: a fresh form, then the inquiry; the response as it came.</summary>
    public async Task<HttpResponseMessage> AskAsync(string layer, string code, string name, string contact, string message, string? token = null)
    {
        var client = Client();
        return await client.PostAsJsonAsync($"/sites/{layer}/{Uri.EscapeDataString(code)}/inquiries", new
        {
            name, company = $"{name} Ltd", contact, message, lang = "en", formToken = token ?? await FormTokenAsync(client),
        }, TestContext.Current.CancellationToken);
    }

    private async Task ListenAsync()
    {
        while (_hook.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _hook.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            Delivered.Enqueue(await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.InputStream));
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _hook.Stop();
        _hook.Close();
        if (_listening is not null)
        {
            await _listening;
        }

        await Factory.DisposeAsync();
        await Api.DisposeAsync();
    }
}

/// <summary>Every log line the API writes, with its state's values, for tests that look for what must not be there.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            logs.Lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            logs.Lines.Enqueue($"{category} {formatter(state, exception)} {values} {exception}");
        }
    }
}
