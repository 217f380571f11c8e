using System.Diagnostics;
using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests.Operations;

/// <summary>
/// API instances as a deployment runs them — separate processes of the built service on one database — and Debian's
/// nginx in front of them on one port, round robin. Each instance can be killed outright (no graceful stop), as a crash or
/// an OOM kill would end it. Everything started is stopped when disposed.
/// </summary>
public sealed class ApiProcesses : IAsyncDisposable
{
    private readonly List<Process> _processes = [];
    private readonly string _work = Directory.CreateTempSubdirectory("landinventory-instances-").FullName;

    private ApiProcesses()
    {
    }

    /// <summary>Each instance's own address, in the order they were started.</summary>
    public IReadOnlyList<Uri> Instances { get; private set; } = [];

    /// <summary>nginx's address: the two instances behind one port.</summary>
    public Uri Proxy { get; private set; } = null!;

    /// <summary>The process of each instance, by the order of <see cref="Instances"/>.</summary>
    public IReadOnlyList<Process> Processes => _processes.Take(Instances.Count).ToList();

    public static async Task<ApiProcesses> StartAsync(string connectionString, int count, CancellationToken ct, params (string Key, string Value)[] settings)
    {
        var started = new ApiProcesses();
        try
        {
            var ports = Enumerable.Range(0, count).Select(_ => KestrelServer.FreePort()).ToList();
            foreach (var port in ports)
            {
                started._processes.Add(Start(connectionString, port, settings));
            }

            started.Instances = [.. ports.Select(p => new Uri($"http://127.0.0.1:{p}"))];
            foreach (var instance in started.Instances)
            {
                await UpAsync(new Uri(instance, "/health/live"), ct);
            }

            var proxy = KestrelServer.FreePort();
            await File.WriteAllTextAsync(Path.Combine(started._work, "nginx.conf"), $$"""
                daemon off;
                master_process off;
                pid {{started._work}}/nginx.pid;
                error_log {{started._work}}/nginx-error.log;
                events { worker_connections 64; }
                http {
                  access_log off;
                  client_body_temp_path {{started._work}}/body;
                  proxy_temp_path {{started._work}}/proxy;
                  client_max_body_size 300m;
                  upstream api { {{string.Concat(ports.Select(p => $"server 127.0.0.1:{p} max_fails=1 fail_timeout=30s; "))}}}
                  server {
                    listen 127.0.0.1:{{proxy}};
                    location / { proxy_pass http://api; proxy_set_header Host $host:$server_port; proxy_next_upstream error timeout; }
                  }
                }
                """, ct);
            started._processes.Add(Process.Start(new ProcessStartInfo("nginx", ["-c", Path.Combine(started._work, "nginx.conf")])
            {
                RedirectStandardError = true,
            })!);
            started.Proxy = new Uri($"http://127.0.0.1:{proxy}");
            await UpAsync(new Uri(started.Proxy, "/health/live"), ct);
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    /// <summary>The service as the tests built it (Release or Debug, as this assembly is).</summary>
    private static Process Start(string connectionString, int port, (string Key, string Value)[] settings)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var dll = Path.Combine(RepositoryFiles.Root, "src", "GisApi", "bin", configuration, "net10.0", "LandInventory.GisApi.dll");
        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ConnectionStrings__Inventory"] = connectionString;
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Warmup__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        // Read what it writes, so that a full pipe never blocks it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task UpAsync(Uri health, CancellationToken ct)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 120; i++)
        {
            try
            {
                if ((await client.GetAsync(health, ct)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250, ct);
        }

        throw new TimeoutException($"{health} did not answer in 30 s");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }

            process.Dispose();
        }

        Directory.Delete(_work, recursive: true);
    }
}
