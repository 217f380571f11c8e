using System.Text.Json;
using LandInventory.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using LandInventory.GisApi.Http;

namespace LandInventory.GisApi.Ogc;

/// <summary>
/// OGC API – Features, Part 1 (core, GeoJSON) at <c>/ogc</c>: landing page, conformance, the four collections, their
/// items (bbox, limit, offset or the id cursor after, next/prev links, numberMatched up to a bound) and single features.
/// </summary>
public static class OgcEndpoints
{
    private const string Json = "application/json";
    private const string Crs84 = OgcCrs.Crs84Uri;

    private static readonly string[] ConformanceClasses =
    [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
        "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
    ];

    public static IEndpointRouteBuilder MapOgcEndpoints(this IEndpointRouteBuilder app)
    {
        var ogc = app.MapGroup("/ogc").WithTags("OGC API – Features").AddEndpointFilter<Http.DataVersionETag>();
        ogc.MapGet("/", Landing).WithName("OgcLanding").WithSummary("Landing page: links to the API description, conformance and collections");
        ogc.MapGet("/conformance", Conformance).WithName("OgcConformance").WithSummary("The OGC conformance classes implemented");
        ogc.MapGet("/collections", Collections).WithName("OgcCollections").WithSummary("The four layers, with their extents");
        ogc.MapGet("/collections/{collectionId}", Collection).WithName("OgcCollection").WithSummary("One layer");
        ogc.MapGet("/collections/{collectionId}/queryables", Queryables).WithName("OgcQueryables")
            .WithSummary("The properties a filter, an attribute filter or sortby may name, as JSON Schema");
        ogc.MapGet("/collections/{collectionId}/items", Items).WithName("OgcItems")
            .WithSummary("Features of a layer as GeoJSON: bbox, crs, bbox-crs, datetime, asOf, filter (CQL2 text), attribute "
                         + "filters (a queryable's name=value), sortby, properties, limit (default 10, at most 1000), offset or after (the id cursor next links carry)")
            .WithMetadata(new Http.PlaceScoped(ItemsPlace), ItemsQuery.Parameters)
            .Produces(StatusCodes.Status200OK, contentType: GeoJsonResult.GeoJson,
                additionalContentTypes: [.. Downloads.DownloadFormat.All.Select(d => d.MediaType)])
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        ogc.MapGet("/collections/{collectionId}/items/{featureId}", Item).WithName("OgcItem")
            .WithSummary("One feature by its code (areas: their id); its ETag is what a write's If-Match names")
            .WithMetadata(new Http.RowVersioned(), new OpenApi.QueryParameters(
                [.. ItemsQuery.Parameters.All.Where(p => p.Name is "crs" or Places.NearestPlaces.Parameter)]))
            .Produces(StatusCodes.Status200OK, contentType: GeoJsonResult.GeoJson).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static GeoJsonResult Landing(HttpRequest request)
    {
        var root = OgcLinks.Base(request);
        return new GeoJsonResult(Json, w =>
        {
            w.WriteStartObject();
            w.WriteString("title", "LandInventory — Chengdu Jingkai land and floor space 成都经开区土地与载体");
            w.WriteString("description", "Land parcels, industrial carriers and buildings with vacant space offered to investors.");
            OgcLinks.Write(w,
                ($"{root}/", "self", Json, "This document"),
                ($"{request.Root()}/openapi/v1.json", "service-desc",
                    "application/vnd.oai.openapi+json;version=3.0", "The API description (OpenAPI)"),
                ($"{request.Root()}/scalar/", "service-doc", "text/html",
                    "The API description to read and try (Scalar)"),
                ($"{root}/conformance", "conformance", Json, "Conformance classes"),
                ($"{root}/collections", "data", Json, "The collections"));
            w.WriteEndObject();
        });
    }

    private static GeoJsonResult Conformance() => new(Json, w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("conformsTo");
        foreach (var c in ConformanceClasses)
        {
            w.WriteStringValue(c);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static async Task<GeoJsonResult> Collections(HttpRequest request, InventoryDbContext db, CancellationToken ct)
    {
        var described = new List<(IFeatureLayer Collection, Extent Extent)>();
        foreach (var collection in FeatureLayers.All)
        {
            described.Add((collection, await Extent.OfAsync(collection, db, ct)));
        }

        return new GeoJsonResult(Json, w =>
        {
            w.WriteStartObject();
            OgcLinks.Write(w, ($"{OgcLinks.Base(request)}/collections", "self", Json, "The collections"));
            w.WriteStartArray("collections");
            foreach (var (collection, extent) in described)
            {
                WriteCollection(w, request, collection, extent);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<Results<GeoJsonResult, ProblemHttpResult>> Collection(
        string collectionId, HttpRequest request, InventoryDbContext db, CancellationToken ct)
    {
        if (FeatureLayers.Find(collectionId) is not { } collection)
        {
            return NoCollection(collectionId);
        }

        var extent = await Extent.OfAsync(collection, db, ct);
        return new GeoJsonResult(Json, w => WriteCollection(w, request, collection, extent));
    }

    /// <summary>
    /// A page with a <c>bbox</c> holds only features in it, and so do its <c>numberMatched</c> and links: its place is the
    /// box. Not so a page of the past (<c>asOf</c>), read from the history.
    /// </summary>
    private static Http.Place? ItemsPlace(HttpContext http) =>
        http.Request.RouteValues["collectionId"] is string id && FeatureLayers.Find(id) is { } collection
        && History.HistoryNames.Table(collection.Id) is { } table
        && ItemsQuery.Of(http.Request, collection).Query is { Bbox: { } bbox, AsOf: null }
            ? new Http.Place(table, bbox.EnvelopeInternal)
            : null;

    private static Results<GeoJsonResult, ProblemHttpResult> Queryables(string collectionId, HttpRequest request)
    {
        if (FeatureLayers.Find(collectionId) is not { } collection)
        {
            return NoCollection(collectionId);
        }

        return new GeoJsonResult("application/schema+json", w =>
        {
            w.WriteStartObject();
            w.WriteString("$schema", "https://json-schema.org/draft/2020-12/schema");
            w.WriteString("$id", $"{OgcLinks.Base(request)}/collections/{collection.Id}/queryables");
            w.WriteString("type", "object");
            w.WriteString("title", collection.Title);
            w.WriteStartObject("properties");
            foreach (var (name, type) in collection.Queryables.OrderBy(q => q.Key, StringComparer.Ordinal))
            {
                w.WriteStartObject(name);
                QueryableSchema.Write(w, type);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteBoolean("additionalProperties", false);
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> Items(string collectionId, HttpRequest request, InventoryDbContext db, CancellationToken ct)
    {
        if (FeatureLayers.Find(collectionId) is not { } collection)
        {
            return NoCollection(collectionId);
        }

        var (query, error) = ItemsQuery.Of(request, collection);
        if (query is null)
        {
            return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "Invalid items request");
        }

        // The same URL answers GeoJSON or a file by Accept: shared caches are told.
        request.HttpContext.Response.Headers.Append("Vary", "Accept");
        if (Downloads.DownloadFormat.Of(request) is { } download)
        {
            return await Downloads.Download.RunAsync(request.HttpContext, collection, query, download, db, ct);
        }

        // A filter naming what the layer cannot compare throws Cql2Exception: the error handler's 400.
        var (matched, rows, more) = await collection.PageAsync(db, query, ct);
        var near = query.NearestPlaces ? await Places.NearestPlaces.ForAsync(db, collection.Id, [.. rows.Select(r => r.Id)], ct) : null;

        request.HttpContext.Response.Headers["Content-Crs"] = $"<{query.Crs.Uri}>";
        var links = ItemsLinks.Of(request, collection, query, rows, more, matched);

        return new GeoJsonResult(GeoJsonResult.GeoJson, w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            if (matched is { } count)
            {
                w.WriteNumber("numberMatched", count);
            }

            w.WriteNumber("numberReturned", rows.Count);
            OgcLinks.Write(w, [.. links]);
            w.WriteStartArray("features");
            foreach (var row in rows)
            {
                GeoJsonResult.WriteFeature(w, row with { Geometry = query.Crs.FromStorage(row.Geometry) }, selected: query.Properties,
                    more: near is null ? null : m => Places.NearestPlaces.Write(m, near[row.Id]));
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<Results<GeoJsonResult, ProblemHttpResult>> Item(
        string collectionId, string featureId, HttpRequest request, InventoryDbContext db, CancellationToken ct)
    {
        if (FeatureLayers.Find(collectionId) is not { } collection)
        {
            return NoCollection(collectionId);
        }

        var (crs, crsError) = ItemsQuery.ParseCrs(request.Query, "crs");
        var (nearest, nearestError) = Places.NearestPlaces.Parse(request.Query, collection.Id);
        if (crs is null || nearestError is not null)
        {
            return TypedResults.Problem(crsError ?? nearestError, statusCode: StatusCodes.Status400BadRequest, title: "Invalid feature request");
        }

        var (prefetched, found) = DataVersionETag.Prefetch(request.HttpContext);
        if ((prefetched ? found : await collection.FindAsync(db, featureId, ct)) is not { } row)
        {
            return TypedResults.Problem($"collection '{collectionId}' has no feature '{featureId}'",
                statusCode: StatusCodes.Status404NotFound, title: "Feature not found");
        }

        var items = OgcLinks.Items(request, collection.Id);
        request.HttpContext.Response.Headers["Content-Crs"] = $"<{crs.Uri}>";
        var converted = row with { Geometry = crs.FromStorage(row.Geometry) };
        var near = nearest ? await Places.NearestPlaces.ForAsync(db, collection.Id, [row.Id], ct) : null;
        return new GeoJsonResult(GeoJsonResult.GeoJson, w => GeoJsonResult.WriteFeature(w, converted, l => OgcLinks.Write(l,
            ($"{items}/{Uri.EscapeDataString(row.Id)}", "self", GeoJsonResult.GeoJson, "This feature"),
            ($"{OgcLinks.Base(request)}/collections/{collection.Id}", "collection", Json, collection.Title)),
            more: near is null ? null : m => Places.NearestPlaces.Write(m, near[row.Id])));
    }

    private static void WriteCollection(Utf8JsonWriter w, HttpRequest request, IFeatureLayer collection, Extent extent)
    {
        w.WriteStartObject();
        w.WriteString("id", collection.Id);
        w.WriteString("title", collection.Title);
        w.WriteString("description", collection.Description);
        w.WriteString("itemType", "feature");
        w.WriteStartArray("crs");
        foreach (var crs in OgcCrs.All.Where(c => c.Uri.StartsWith("http", StringComparison.Ordinal)))
        {
            w.WriteStringValue(crs.Uri);
        }

        w.WriteEndArray();
        w.WriteString("storageCrs", Crs84);
        extent.Write(w, collection);
        OgcLinks.Write(w,
        [
            ($"{OgcLinks.Base(request)}/collections/{collection.Id}", "self", Json, collection.Title),
            (OgcLinks.Items(request, collection.Id), "items", GeoJsonResult.GeoJson, $"{collection.Title}: features"),
            .. Downloads.DownloadFormat.All.Select(d => ($"{OgcLinks.Items(request, collection.Id)}?f={d.Name}", "enclosure", d.MediaType,
                $"{collection.Title}: every feature as {d.Title}")),
            ($"{OgcLinks.Base(request)}/collections/{collection.Id}/queryables", OgcLinks.QueryablesRel, "application/schema+json",
                $"{collection.Title}: the properties a filter may name"),
        ]);
        w.WriteEndObject();
    }

    private static ProblemHttpResult NoCollection(string collectionId) =>
        TypedResults.Problem($"no collection '{collectionId}': the collections are {string.Join(", ", FeatureLayers.All.Select(c => c.Id))}",
            statusCode: StatusCodes.Status404NotFound, title: "Collection not found");
}
