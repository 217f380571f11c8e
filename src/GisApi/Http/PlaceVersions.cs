using System.Collections.Concurrent;
using LandInventory.Data;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace LandInventory.GisApi.Http;

/// <summary>A place an answer depends on, and nothing outside it: a layer's table and a box in WGS84.</summary>
public sealed record Place(string Table, Envelope Box);

/// <summary>
/// Metadata of an endpoint whose answer depends only on the features of one layer in a box (a bbox page, a tile):
/// <see cref="Find"/> reads that place from the request, or null when this request is not bounded so (it then follows
/// the whole inventory's version).
/// </summary>
public sealed class PlaceScoped(Func<HttpContext, Place?> find)
{
    public Place? Find(HttpContext http) => find(http);
}

/// <summary>
/// The version of a place: the last version of its layer whose change touched the place's box. The database records,
/// beside each layer version, the box of what that statement changed (layer_changes, in commit order per layer); this
/// process keeps the most recent <see cref="Kept"/> of them per layer and reads the new ones when a request sees a
/// newer layer version, so an edit changes the tags of the pages and tiles around it and no others. Below what it
/// keeps (at start, or trimmed) it assumes a change anywhere: tags may then differ between processes, never go stale.
/// </summary>
public sealed class PlaceVersions : IDisposable
{
    /// <summary>How many changes per layer are remembered (a few hundred kilobytes at most).</summary>
    public const int Kept = 8192;

    /// <summary>
    /// Boxes are widened by this many degrees (~10 m) before comparing: the index PostGIS selects with stores boxes in
    /// single precision, rounded outward, so its box of a place is a little larger than ours.
    /// </summary>
    private const double Margin = 1e-4;

    private readonly ConcurrentDictionary<string, Log> _logs = new();

    /// <summary>
    /// The place's version, given <paramref name="current"/>, the version of its layer just read: reads the changes the
    /// process has not seen yet (one indexed query, only after a change).
    /// </summary>
    public async Task<long> VersionAsync(InventoryDbContext db, Place place, long current, CancellationToken ct)
    {
        var log = _logs.GetOrAdd(place.Table, _ => new Log());
        if (log.Known < current)
        {
            await CatchUpAsync(db, log, place.Table, current, ct);
        }

        var box = new Envelope(place.Box);
        box.ExpandBy(Margin);
        lock (log)
        {
            for (var i = log.Changes.Count - 1; i >= 0; i--)
            {
                var (version, changed) = log.Changes[i];
                if (changed is null || changed.Intersects(box))
                {
                    return version;
                }
            }

            return log.Floor;
        }
    }

    public void Dispose()
    {
        foreach (var log in _logs.Values)
        {
            log.Dispose();
        }
    }

    private static async Task CatchUpAsync(InventoryDbContext db, Log log, string table, long current, CancellationToken ct)
    {
        await log.Gate.WaitAsync(ct);
        try
        {
            if (log.Known >= current)
            {
                return; // another request read them meanwhile
            }

            // At most the most recent changes (the first time, or after a long quiet): what lies before them counts as a
            // change anywhere.
            var after = Math.Max(log.Known, Math.Max(0, current - Kept));
            var rows = await db.LayerChanges.AsNoTracking()
                .Where(c => c.Layer == table && c.Version > after && c.Version <= current)
                .OrderBy(c => c.Version).ToListAsync(ct);
            var byVersion = rows.ToDictionary(c => c.Version);
            lock (log)
            {
                if (after > log.Known)
                {
                    log.Changes.Clear();
                    log.Floor = after;
                }

                for (var version = after + 1; version <= current; version++)
                {
                    // A version without its box (raised before boxes were recorded) is a change anywhere.
                    log.Changes.Add((version, byVersion.TryGetValue(version, out var c) && c.MinX is { } minX
                        ? new Envelope(minX, c.MaxX!.Value, c.MinY!.Value, c.MaxY!.Value)
                        : null));
                }

                if (log.Changes.Count > 2 * Kept)
                {
                    var dropped = log.Changes.Count - Kept;
                    log.Floor = log.Changes[dropped - 1].Version;
                    log.Changes.RemoveRange(0, dropped);
                }

                log.Known = current;
            }
        }
        finally
        {
            log.Gate.Release();
        }
    }

    /// <summary>One layer's recent changes, oldest first; <see cref="Floor"/>: the version below which nothing is known.</summary>
    private sealed class Log : IDisposable
    {
        public readonly List<(long Version, Envelope? Box)> Changes = [];

        public readonly SemaphoreSlim Gate = new(1, 1);

        public long Floor;

        /// <summary>The layer version up to which <see cref="Changes"/> is complete; -1 before the first read.</summary>
        public long Known { get => Volatile.Read(ref _known); set => Volatile.Write(ref _known, value); }

        private long _known = -1;

        public void Dispose() => Gate.Dispose();
    }
}
