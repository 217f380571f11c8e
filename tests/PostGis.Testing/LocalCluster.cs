using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LandInventory.PostGis.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster from the binaries installed on this machine, in a temporary folder, on a free
/// loopback port, without durability (fsync off): it lives only as long as the test run. PostgreSQL refuses to run as
/// root, so as root it runs as the <c>postgres</c> user that Debian's packages create.
/// </summary>
internal sealed class LocalCluster : IPostGisSource
{
    private readonly string _bin;
    private readonly string _dataDir;
    private readonly int _port;

    private LocalCluster(string bin, string dataDir, int port)
    {
        _bin = bin;
        _dataDir = dataDir;
        _port = port;
    }

    public string AdminConnectionString =>
        $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Include Error Detail=true";

    public string Description => $"throwaway cluster from {_bin} on port {_port}";

    /// <summary>The newest installed PostgreSQL whose share folder has PostGIS, if any.</summary>
    public static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(dir => (Dir: dir, Version: int.TryParse(Path.GetFileName(dir), out var v) ? v : 0))
            .Where(d => File.Exists(Path.Combine(d.Dir, "bin", "initdb"))
                        && File.Exists($"/usr/share/postgresql/{d.Version}/extension/postgis.control"))
            .OrderByDescending(d => d.Version)
            .Select(d => Path.Combine(d.Dir, "bin"))
            .FirstOrDefault();
    }

    public static async Task<IPostGisSource> StartAsync(string bin) => await CreateAsync(bin);

    /// <summary>A new cluster, started; <paramref name="settings"/> are more <c>-c</c> settings of the server's.</summary>
    internal static async Task<LocalCluster> CreateAsync(string bin, string settings = "")
    {
        var cluster = await NewAsync(bin);
        try
        {
            await cluster.PgAsync("initdb", ["-D", cluster._dataDir, "-U", "postgres", "--auth=trust", "--no-locale", "-E", "UTF8", "--no-sync"]);
            cluster._settings = settings;
            await cluster.StartServerAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A streaming standby of <paramref name="primary"/>, made as an operator makes one: <c>pg_basebackup -R</c> (the copy,
    /// the replication connection and standby.signal), then started on a port of its own.
    /// </summary>
    internal static async Task<LocalCluster> StandbyOfAsync(LocalCluster primary)
    {
        var standby = await NewAsync(primary._bin);
        try
        {
            await standby.PgAsync("pg_basebackup", ["-h", "127.0.0.1", "-p", primary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-U", "postgres", "-D", standby._dataDir, "-R", "-X", "stream", "--no-sync"]);
            standby._settings = primary._settings;
            await standby.StartServerAsync();
            return standby;
        }
        catch
        {
            await standby.DisposeAsync();
            throw;
        }
    }

    private static async Task<LocalCluster> NewAsync(string bin)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"landinventory-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres:postgres", dataDir], asPostgres: false);
            await RunAsync("chmod", ["700", dataDir], asPostgres: false);
        }

        return new LocalCluster(bin, dataDir, FreePort());
    }

    private string _settings = "";

    internal int Port => _port;

    /// <summary>Starts the server (again), and waits until it accepts connections.</summary>
    internal Task StartServerAsync() => PgAsync("pg_ctl", [
        "-D", _dataDir, "-l", Path.Combine(_dataDir, "server.log"), "-w", "-t", "60", "start", "-o",
        $"-p {_port} -k {_dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
        + $"-c full_page_writes=off -c max_connections=200 {_settings}",
    ]);

    /// <summary>Stops the server at once, as a crash would (its clients' sessions end).</summary>
    internal Task StopServerAsync() => PgAsync("pg_ctl", ["-D", _dataDir, "-m", "immediate", "-w", "stop"]);

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(_dataDir, "postmaster.pid")))
        {
            await PgAsync("pg_ctl", ["-D", _dataDir, "-m", "immediate", "-w", "stop"]);
        }

        Directory.Delete(_dataDir, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task PgAsync(string tool, string[] args) => RunAsync(Path.Combine(_bin, tool), args, asPostgres: IsRoot);

    private static async Task RunAsync(string file, string[] args, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (asPostgres)
        {
            foreach (var a in (string[])["-u", "postgres", "--", file])
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
