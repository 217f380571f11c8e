using System.ComponentModel.DataAnnotations;
using System.Globalization;
using LandInventory.Data;
using Npgsql;

namespace LandInventory.GisApi;

/// <summary>
/// The database (<c>ConnectionStrings:Inventory</c>) and how the API's statements run there (<c>Database:…</c>):
/// bounded by PostgreSQL's <c>statement_timeout</c>, without JIT compilation, and without parallel workers unless
/// <see cref="ParallelWorkersPerQuery"/> allows them (see <see cref="DatabaseSetup"/> for why).
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    [Required(AllowEmptyStrings = false, ErrorMessage =
        "No database configured: set ConnectionStrings:Inventory (environment ConnectionStrings__Inventory) to a PostGIS "
        + "connection string, or start the service with ./run.sh, which provides one.")]
    public string? ConnectionString { get; set; }

    /// <summary>No request of a public service may hold a connection longer.</summary>
    [Range(1, 3600, ErrorMessage = "Database:StatementTimeoutSeconds must be from 1 to 3600 (seconds).")]
    public int StatementTimeoutSeconds { get; set; } = 15;

    [Range(0, 64, ErrorMessage = "Database:ParallelWorkersPerQuery must be from 0 to 64.")]
    public int ParallelWorkersPerQuery { get; set; }

    /// <summary>
    /// How many statements Npgsql keeps prepared on each connection, once one was sent five times (PostgreSQL then skips
    /// parsing them; planned for their values each time, see <see cref="Bounded(int)"/>); 0, the default, turns it off:
    /// measured (docs/benchmarks.md, issue 19) it saved nothing with custom plans, and generic plans made a distance
    /// query 180 times dearer. A connection string that sets <c>Max Auto Prepare</c> keeps its own.
    /// </summary>
    [Range(0, 10_000, ErrorMessage = "Database:MaxAutoPrepare must be from 0 to 10000.")]
    public int MaxAutoPrepare { get; set; }

    /// <summary>
    /// The connection string every API statement runs with: the settings above in its <c>Options</c>, before the
    /// string's own, which therefore win.
    /// </summary>
    public string Bounded() => Bounded(StatementTimeoutSeconds);

    /// <summary>The same with another statement timeout (an import's statements run longer than a request's).</summary>
    public string Bounded(int statementTimeoutSeconds) => Bounded(ConnectionString!, statementTimeoutSeconds);

    /// <summary>
    /// <c>ConnectionStrings:InventoryRead</c>: streaming replicas of the database that anonymous reads may be served from
    /// (Replicas/DatabaseRoute) — one connection string, naming one host or several (<c>Host=replica-a,replica-b:5433</c>);
    /// none: every request is served by the primary.
    /// </summary>
    public string? ReadConnectionString { get; set; }

    /// <summary>Each replica's connection string, one host each, bounded as the primary's.</summary>
    public IReadOnlyList<string> BoundedReplicas()
    {
        if (string.IsNullOrWhiteSpace(ReadConnectionString))
        {
            return [];
        }

        var given = new NpgsqlConnectionStringBuilder(ReadConnectionString);
        return [.. (given.Host ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(host =>
        {
            var one = new NpgsqlConnectionStringBuilder(ReadConnectionString) { Host = host };
            if (host.LastIndexOf(':') is var colon and > 0 && int.TryParse(host[(colon + 1)..], CultureInfo.InvariantCulture, out var port))
            {
                (one.Host, one.Port) = (host[..colon], port);
            }

            return Bounded(one.ConnectionString, StatementTimeoutSeconds);
        })];
    }

    private string Bounded(string connectionString, int statementTimeoutSeconds)
    {
        var bounded = new NpgsqlConnectionStringBuilder(connectionString);
        // A prepared statement is planned for its values every time (force_custom_plan): after five runs PostgreSQL would
        // otherwise try one generic plan, and for a spatial predicate with parameters (a distance from a point) that plan
        // cannot know how few rows the index finds — measured: 370 ms of PostgreSQL CPU per "within 3 km" page, not 2.
        bounded.Options = string.Create(CultureInfo.InvariantCulture,
            $"-c statement_timeout={statementTimeoutSeconds * 1000} -c jit=off -c max_parallel_workers_per_gather={ParallelWorkersPerQuery} -c plan_cache_mode=force_custom_plan {bounded.Options}").Trim();
        if (bounded.MaxAutoPrepare == 0)
        {
            bounded.MaxAutoPrepare = MaxAutoPrepare;
        }

        return bounded.ConnectionString;
    }

    /// <summary>The section bound, with the connection string from its own section, where .NET keeps connection strings.</summary>
    public static void Add(IServiceCollection services)
    {
        services.AddSettings<DatabaseOptions>(Section);
        services.AddOptions<DatabaseOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.ConnectionString = configuration.GetConnectionString(InventoryDatabase.ConnectionStringName);
            options.ReadConnectionString = configuration.GetConnectionString(InventoryDatabase.ConnectionStringName + "Read");
        });
    }
}
