using System.Security.Cryptography;
using System.Text;
using LandInventory.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace LandInventory.GisApi.Http;

/// <summary>Marks the endpoint of one feature, whose tag carries the feature's row version.</summary>
public sealed class RowVersioned;

/// <summary>
/// Marks an endpoint whose answer shows the inventory's staff more than anyone (the history's writers by name): its tag
/// and kept answer are per audience, and shared caches are told so (<c>Vary: Authorization, Cookie</c>; staff answers private).
/// </summary>
public sealed class AudienceScoped(Func<System.Security.Claims.ClaimsPrincipal, bool> isStaff)
{
    public bool IsStaff(HttpContext http) => isStaff(http.User);
}

/// <summary>
/// Strong ETags that change exactly when the inventory does: the tag hashes the request and the sum of the layer
/// versions, which the database raises on every statement that changes rows (layer_versions). A matching
/// <c>If-None-Match</c> is answered 304 before any feature is read.
/// </summary>
public sealed class DataVersionETag : IEndpointFilter
{
    /// <summary>Clients may keep answers but must ask again each time; the 304 is cheap.</summary>
    public const string CacheControl = "public, no-cache";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            return await next(context); // an answer to a body (a posted geometry) is not named by its URL
        }

        // Without the response cache a single feature is read with its versions in one statement (issue 19: one round
        // trip per answer); with it, the tag alone first, which a kept answer or a 304 needs and nothing more.
        var cache = http.RequestServices.GetRequiredService<ResponseCache>();
        var etag = cache.Enabled ? await TagAsync(http) : await PrefetchedTagAsync(http) ?? await TagAsync(http);
        if (Settled(http, etag) is { } settled)
        {
            return settled;
        }

        if (!cache.Enabled)
        {
            var result = await next(context);
            if ((result is INestedHttpResult nested ? nested.Result : result) is ICacheableResult)
            {
                SetHeaders(http, etag);
            }

            return result;
        }

        object? own = null;
        var shared = await cache.SharedAsync(etag, async () =>
        {
            own = await next(context);
            return (own is INestedHttpResult nested ? nested.Result : own) is ICacheableResult cacheable
                ? await cache.StoreAsync(etag, () => cacheable.ExecuteAsync(http), http)
                : null;
        });
        if (shared is not null)
        {
            SetHeaders(http, etag);
            return shared;
        }

        // Not shareable: the first request's own answer, or, for a request that waited on it, one of its own.
        return own ?? await next(context);
    }

    /// <summary>
    /// The request's tag: the sum of the layer versions (one indexed query), hashed with what else shapes the answer.
    /// An answer about a place (<see cref="PlaceScoped"/>) counts its own layer's version only as far as changes touched
    /// that place (<see cref="PlaceVersions"/>): an edit leaves the tags of pages and tiles elsewhere as they were.
    /// </summary>
    public static async Task<string> TagAsync(HttpContext http)
    {
        var db = http.RequestServices.GetRequiredService<InventoryDbContext>();
        if (!Prefetch(http).Read && await FeatureVersionsAsync(http, db) is { } feature)
        {
            return Tag(http.Request, $"{feature.Row}.{feature.Layers}");
        }

        var versions = await db.LayerVersions.Select(v => new { v.Layer, v.Version }).ToListAsync(http.RequestAborted);
        var total = versions.Sum(v => v.Version);
        if (http.GetEndpoint()?.Metadata.GetMetadata<PlaceScoped>()?.Find(http) is { } place
            && versions.FirstOrDefault(v => v.Layer == place.Table) is { } layer)
        {
            // Both parts only grow, and the place's part grows with every change that touched it: a new state, a new tag.
            var placed = await http.RequestServices.GetRequiredService<PlaceVersions>()
                .VersionAsync(db, place, layer.Version, http.RequestAborted);
            return Tag(http.Request, $"{total - layer.Version + placed}");
        }

        return Tag(http.Request, $"{total}");
    }

    /// <summary>
    /// What <see cref="PrefetchedTagAsync"/> read for a single feature's endpoint: whether it did, and the feature (none:
    /// there is no such feature, and the endpoint answers 404 without asking again).
    /// </summary>
    public static (bool Read, Ogc.FeatureRow? Row) Prefetch(HttpContext http) => http.Items[typeof(Ogc.VersionedRow)] switch
    {
        Ogc.VersionedRow found => (true, found.Row),
        { } => (true, null),
        null => (false, null),
    };

    private static readonly object NoFeature = new();

    /// <summary>A single feature's tag, the feature read in the same statement and kept for the endpoint; null elsewhere.</summary>
    private static async Task<string?> PrefetchedTagAsync(HttpContext http)
    {
        if (SingleFeature(http) is not var (collection, feature))
        {
            return null;
        }

        var found = await collection.FindVersionedAsync(http.RequestServices.GetRequiredService<InventoryDbContext>(), feature, http.RequestAborted);
        http.Items[typeof(Ogc.VersionedRow)] = found ?? NoFeature;
        return found is null ? null : Tag(http.Request, $"{found.Version}.{found.Layers}");
    }

    /// <summary>The collection and feature a single feature's endpoint names; none for any other endpoint.</summary>
    private static (Ogc.IFeatureLayer Collection, string Feature)? SingleFeature(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<RowVersioned>() is not null
        && http.GetRouteValue("collectionId") is string layer && http.GetRouteValue("featureId") is string feature
        && Ogc.FeatureLayers.Find(layer) is { } collection
            ? (collection, feature)
            : null;

    /// <summary>
    /// A single feature's tag leads with its row version, which <c>If-Match</c> compares (<see cref="RowVersionOf"/>):
    /// a write is refused when the feature changed since it was read, not when another feature did. Read with the layer
    /// versions in one query; null when this is not a single feature's endpoint or there is no such feature.
    /// </summary>
    private static async Task<(uint Row, long Layers)?> FeatureVersionsAsync(HttpContext http, InventoryDbContext db) =>
        SingleFeature(http) is var (collection, feature) ? await collection.VersionsAsync(db, feature, http.RequestAborted) : null;

    /// <summary>The row version a single feature's strong tag carries; null for a weak tag or any other.</summary>
    public static uint? RowVersionOf(string etag) =>
        etag.StartsWith('"') && etag.IndexOf('.') is > 1 and var dot
        && uint.TryParse(etag.AsSpan(1, dot - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? version
            : null;

    /// <summary>
    /// The answer that needs no work: 304 when the client has this version, the kept answer when the cache has it
    /// (both with the tag's headers); null when the request must be answered.
    /// </summary>
    public static IResult? Settled(HttpContext http, string etag)
    {
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && (v == "*" || v.Split(',').Any(t => t.Trim() == etag))))
        {
            SetHeaders(http, etag);
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        if (http.RequestServices.GetRequiredService<ResponseCache>().Find(etag) is { } hit)
        {
            SetHeaders(http, etag);
            return hit;
        }

        return null;
    }

    public static void SetHeaders(HttpContext http, string etag)
    {
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = CacheControl;
        if (http.GetEndpoint()?.Metadata.GetMetadata<AudienceScoped>() is { } audience)
        {
            http.Response.Headers.Vary = "Authorization, Cookie"; // a token or a workspace session makes a reader staff
            if (audience.IsStaff(http))
            {
                http.Response.Headers.CacheControl = "private, no-cache";
            }
        }
    }

    /// <summary>
    /// The version, the host the links are written for, path, query, and the headers that choose a representation:
    /// accepted encodings, media type (OData's metadata level is a parameter of it), OData's <c>Prefer</c>, and where
    /// the answer depends on it (<see cref="AudienceScoped"/>) the reader's audience.
    /// </summary>
    private static string Tag(HttpRequest request, string version)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{version}|{RequestKey(request)}"));
        return $"\"{version}-{Convert.ToHexStringLower(hash.AsSpan(0, 12))}\"";
    }

    /// <summary>What names an answer apart from the data's version: the same key with a newer tag supersedes it.</summary>
    public static string RequestKey(HttpRequest request)
    {
        var headers = request.Headers;
        var audience = request.HttpContext.GetEndpoint()?.Metadata.GetMetadata<AudienceScoped>() is { } scoped
            ? scoped.IsStaff(request.HttpContext) ? "|staff" : "|public"
            : "";
        return $"{request.Scheme}://{request.Host}|{request.Path}|{request.QueryString}|{headers.AcceptEncoding}|{headers.Accept}|{headers["Prefer"]}{audience}";
    }
}
