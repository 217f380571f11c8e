using System.Globalization;
using LandInventory.Data.Spatial;
using LandInventory.GisApi.Ogc.Cql2;
using NetTopologySuite.Geometries;

namespace LandInventory.GisApi.Ogc;

/// <summary>
/// The parameters of an items request, checked: <c>bbox</c> (four numbers, in <c>bbox-crs</c>, default CRS84),
/// <c>limit</c> (default <see cref="DefaultLimit"/>, at most <see cref="MaxLimit"/>), <c>offset</c> or <c>after</c> (the
/// key order's cursor), <c>crs</c> of the answer. Anything else is refused, as OGC API – Features requires, so that a
/// misspelt filter never silently returns everything.
/// </summary>
public sealed record ItemsQuery(Polygon? Bbox, int Limit, int Offset, OgcCrs Crs)
{
    /// <summary>The CQL2 filter and the attribute filters (<c>status=available</c>), all of which must hold.</summary>
    public IReadOnlyList<Cql2Node> Conditions { get; init; } = [];

    /// <summary><c>sortby</c>: queryable names, each ascending unless prefixed with '-'.</summary>
    public IReadOnlyList<(string Name, bool Descending)> SortBy { get; init; } = [];

    /// <summary><c>asOf</c>: the layer as it was at that instant, rebuilt from the feature history (now when null).</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary><c>properties</c>: the properties to send (all when null).</summary>
    public IReadOnlyList<string>? Properties { get; init; }

    /// <summary>
    /// <c>after</c>: the page starts after the feature of this id, in the key order — a cursor the next links carry, so a
    /// deep page is an index range, not <c>offset</c> rows read and thrown away.
    /// </summary>
    public string? After { get; init; }

    /// <summary>Whether each feature also carries its nearest places (<see cref="Places.NearestPlaces"/>).</summary>
    public bool NearestPlaces { get; init; }

    public const int DefaultLimit = 10;
    public const int MaxLimit = 1000;
    public const int MaxOffset = 10_000_000;

    /// <summary>
    /// <c>numberMatched</c> is counted up to this many: beyond, counting would cost more than the page (a count reads
    /// every match), so the answer leaves it out — OGC API – Features makes it optional — and the next links go on.
    /// </summary>
    public const int MaxCounted = 10_000;

    /// <summary>What the items endpoint takes, as its OpenAPI description publishes it.</summary>
    public static OpenApi.QueryParameters Parameters { get; } = new(
        new("limit", $"Features per page, at most {MaxLimit}.", "integer", DefaultLimit, 1, MaxLimit),
        new("offset", "Features to skip before the page (with sortby, next and prev links carry it).", "integer", 0, 0, MaxOffset),
        new("after", "The id of the feature the page starts after, in id order (not with sortby or offset): the cursor next links carry."),
        new("bbox", "minx,miny,maxx,maxy in bbox-crs: the features intersecting the box."),
        new("bbox-crs", $"The CRS of bbox (default {OgcCrs.Crs84Uri}; the collection's crs list names the others).", Format: "uri"),
        new("crs", "The CRS of the answer's geometries (default CRS84); the answer's Content-Crs says which.", Format: "uri"),
        new(DatetimeParameter.Name, "An instant or an interval (2025-06-01/.., ../2025-12-31, 2025-06-01/2025-12-31): the features "
            + "whose day available from lies in it, bounds inclusive (OGC API – Features Part 1)."),
        new(AsOfParameter.Name, "An RFC 3339 instant with its offset: the layer as it was then, from the feature history.", Format: "date-time"),
        new("filter", "A CQL2 text filter over the queryables (OGC API – Features Part 3)."),
        new("filter-lang", "The filter's language: cql2-text.", Default: "cql2-text"),
        new("filter-crs", $"The CRS of the filter's geometries: {OgcCrs.Crs84Uri}.", Format: "uri"),
        new("sortby", "Queryables to sort by, comma-separated, each ascending unless prefixed with '-'."),
        new("properties", "The properties to send, comma-separated (all by default)."),
        new(Places.NearestPlaces.Parameter, "true: each feature's properties also carry its nearest place of every kind, with the distance "
            + "on the ground in metres (parcels, carriers, buildings).", "boolean", false),
        new("f", "The format: json (a page of GeoJSON), or a file of every feature the query matches (of its page when limit or "
            + "offset is given): gpkg (GeoPackage), fgb (FlatGeobuf), shp (zipped Shapefile with .prj and .cpg), csv (geometry as WKT), "
            + "xlsx (Excel, geometry as WKT), kml (WGS 84). The Accept header may name the file's media type instead.", Default: "json"));

    private static readonly HashSet<string> Known =
        ["bbox", "bbox-crs", "crs", "limit", "offset", "after", "f", "filter", "filter-lang", "filter-crs", "sortby", "properties",
            DatetimeParameter.Name, AsOfParameter.Name, Places.NearestPlaces.Parameter];

    /// <summary>
    /// The request's items query, parsed once per request: the tag filter reads its place (<c>bbox</c>) before the
    /// endpoint runs, and a CQL2 filter is not worth parsing twice.
    /// </summary>
    public static (ItemsQuery? Query, string? Error) Of(HttpRequest request, IFeatureLayer layer)
    {
        var items = request.HttpContext.Items;
        if (items[typeof(Parsed)] is not Parsed parsed || parsed.Layer != layer)
        {
            var (query, error) = Parse(request.Query, layer);
            items[typeof(Parsed)] = parsed = new Parsed(layer, query, error);
        }

        return (parsed.Query, parsed.Error);
    }

    private sealed record Parsed(IFeatureLayer Layer, ItemsQuery? Query, string? Error);

    /// <summary>The query, or the reason it is refused (one message naming the parameter).</summary>
    private static (ItemsQuery? Query, string? Error) Parse(IQueryCollection query, IFeatureLayer layer)
    {
        var attributes = layer.Queryables.Keys.Where(k => k != "geometry").ToHashSet();
        if (query.Keys.FirstOrDefault(k => !Known.Contains(k) && !attributes.Contains(k)) is { } unknown)
        {
            return (null, $"unknown query parameter '{unknown}': this endpoint takes {string.Join(", ", Known.Order())}, "
                          + $"and the queryables as attribute filters ({string.Join(", ", attributes.Order())})");
        }

        if (query.TryGetValue("filter-lang", out var lang) && lang.ToString() != "cql2-text")
        {
            return (null, $"filter-lang: '{lang}' is not offered; use cql2-text");
        }

        if (query.TryGetValue("filter-crs", out var filterCrs) && OgcCrs.Find(filterCrs.ToString()) is not { IsStorage: true })
        {
            return (null, $"filter-crs: '{filterCrs}' is not offered; filters take {OgcCrs.Crs84Uri}");
        }

        var conditions = new List<Cql2Node>();
        if (query.TryGetValue("filter", out var filter))
        {
            try
            {
                conditions.Add(Cql2Parser.Parse(filter.ToString()));
            }
            catch (Cql2Exception e)
            {
                return (null, e.Message);
            }
        }

        if (query.TryGetValue(DatetimeParameter.Name, out var datetime))
        {
            var (temporal, datetimeError) = DatetimeParameter.Conditions(datetime.ToString(), layer.Temporal);
            if (datetimeError is not null)
            {
                return (null, datetimeError);
            }

            conditions.AddRange(temporal);
        }

        // name=value; for a list property (a carrier's industries) it means "holds value".
        conditions.AddRange(query.Where(q => attributes.Contains(q.Key)).Select(q =>
            layer.Queryables[q.Key] is { IsGenericType: true } list && list.GetGenericTypeDefinition() == typeof(List<>)
                ? (Cql2Node)new ArrayContains(q.Key, [q.Value.ToString()])
                : new Comparison(q.Key, "=", q.Value.ToString())));
        var (sortBy, sortError) = SortList(query, attributes);
        var (properties, propertiesError) = PropertyList(query, attributes);
        if ((sortError ?? propertiesError) is { } listError)
        {
            return (null, listError);
        }

        if (query.TryGetValue("f", out var f) && f.ToString() is not ("json" or "geojson")
            && !Downloads.DownloadFormat.All.Any(d => d.Name == f.ToString()))
        {
            return (null, $"f: '{f}' is not offered; f is one of {Downloads.DownloadFormat.Names}");
        }

        var (crs, crsError) = ParseCrs(query, "crs");
        var (bboxCrs, bboxCrsError) = ParseCrs(query, "bbox-crs");
        var (limit, limitError) = Whole(query, "limit", DefaultLimit, 1, MaxLimit);
        var (offset, offsetError) = Whole(query, "offset", 0, 0, MaxOffset);
        var (bbox, bboxError) = bboxCrs is null ? (null, null) : Box(query, bboxCrs);
        var (asOf, asOfError) = AsOfParameter.Parse(query);
        var (nearest, nearestError) = Places.NearestPlaces.Parse(query, layer.Id);
        // The places and the sites are measured as they are now: a layer of the past has no nearest places to give.
        nearestError ??= nearest && asOf is not null ? $"{Places.NearestPlaces.Parameter} is of the present: not with {AsOfParameter.Name}" : null;
        var (after, afterError) = Cursor(query, sortBy.Count > 0);
        var error = crsError ?? bboxCrsError ?? limitError ?? offsetError ?? afterError ?? bboxError ?? asOfError ?? nearestError;
        return error is null
            ? (new ItemsQuery(bbox, limit, offset, crs!)
            {
                Conditions = conditions, SortBy = sortBy, Properties = properties, AsOf = asOf, NearestPlaces = nearest, After = after,
            }, null)
            : (null, error);
    }

    /// <summary>The <c>after</c> cursor: a feature id, in the key order only, and instead of an offset.</summary>
    private static (string? After, string? Error) Cursor(IQueryCollection query, bool sorted)
    {
        if (!query.TryGetValue("after", out var text))
        {
            return (null, null);
        }

        var after = text.ToString();
        return after.Length is 0 or > 200 ? (null, "after: give the id of the last feature of the page before (1 to 200 characters)")
            : sorted ? (null, "after: pages continue by id order; with sortby, page with offset")
            : query.ContainsKey("offset") ? (null, "after and offset: give one or the other")
            : (after, null);
    }

    private static (List<(string, bool)> Sort, string? Error) SortList(IQueryCollection query, HashSet<string> attributes)
    {
        var sort = new List<(string, bool)>();
        if (!query.TryGetValue("sortby", out var text))
        {
            return (sort, null);
        }

        foreach (var item in text.ToString().Split(',', StringSplitOptions.TrimEntries))
        {
            var name = item.TrimStart('+', '-');
            if (!attributes.Contains(name))
            {
                return (sort, $"sortby: '{name}' is not a queryable; sort by {string.Join(", ", attributes.Order())}");
            }

            sort.Add((name, item.StartsWith('-')));
        }

        return (sort, null);
    }

    private static (List<string>? Properties, string? Error) PropertyList(IQueryCollection query, HashSet<string> attributes)
    {
        if (!query.TryGetValue("properties", out var text))
        {
            return (null, null);
        }

        var names = text.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        return names.FirstOrDefault(n => !attributes.Contains(n)) is { } unknown
            ? (null, $"properties: '{unknown}' is not a property of this collection")
            : (names, null);
    }

    /// <summary>The system named by a <c>crs</c>-like parameter; CRS84 when absent.</summary>
    public static (OgcCrs? Crs, string? Error) ParseCrs(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var text))
        {
            return (OgcCrs.Crs84, null);
        }

        return OgcCrs.Find(text.ToString()) is { } crs
            ? (crs, null)
            : (null, $"{name}: '{text}' is not offered; use one of {string.Join(", ", OgcCrs.All.Select(c => c.Uri))}");
    }

    /// <summary>A whole-number parameter within [min, max], its default when absent, or the message that refuses it.</summary>
    public static (int Value, string? Error) Whole(IQueryCollection query, string name, int fallback, int min, int max)
    {
        if (!query.TryGetValue(name, out var text))
        {
            return (fallback, null);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? (value, null)
            : (0, $"{name}: '{text}' must be a whole number from {min} to {max}");
    }

    private static (Polygon? Box, string? Error) Box(IQueryCollection query, OgcCrs crs)
    {
        if (!query.TryGetValue("bbox", out var text))
        {
            return (null, null);
        }

        var parts = text.ToString().Split(',');
        var numbers = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : double.NaN).ToArray();
        if (parts.Length != 4 || numbers.Any(n => !double.IsFinite(n)))
        {
            return (null, $"bbox: '{text}' must be four numbers: minLon,minLat,maxLon,maxLat (CRS84, or in the axis order of bbox-crs)");
        }

        if (numbers[0] > numbers[2] || numbers[1] > numbers[3])
        {
            return (null, $"bbox: '{text}' has a minimum above its maximum");
        }

        if (crs.System.IsGeographic)
        {
            var (minLon, minLat, maxLon, maxLat) = crs.NorthFirst
                ? (numbers[1], numbers[0], numbers[3], numbers[2])
                : (numbers[0], numbers[1], numbers[2], numbers[3]);
            if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90)
            {
                return (null, $"bbox: '{text}' lies outside longitude -180..180 / latitude -90..90");
            }
        }

        return crs.IsStorage
            ? ((Polygon)Geo.Factory.ToGeometry(new Envelope(numbers[0], numbers[2], numbers[1], numbers[3])), null)
            : (crs.ToStorage(numbers[0], numbers[1], numbers[2], numbers[3]), null);
    }
}
