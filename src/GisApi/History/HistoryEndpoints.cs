using System.Globalization;
using System.Text.Json;
using LandInventory.Data;
using LandInventory.Data.History;
using LandInventory.GisApi.Ogc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using LandInventory.GisApi.Http;

namespace LandInventory.GisApi.History;

/// <summary>
/// Every recorded change, as the database's triggers wrote it: a feature's history
/// (<c>/ogc/collections/{collectionId}/items/{featureId}/history</c>) and the change feed for GIS subscribers
/// (<c>/changes</c>), which pages by committed transaction so that a subscriber following <c>next</c> sees every change
/// exactly once, even when transactions commit out of order.
/// </summary>
public static class HistoryEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapHistoryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ogc/collections/{collectionId}/items/{featureId}/history", FeatureHistory).WithName("OgcItemHistory")
            .WithTags("History").WithMetadata(new Http.AudienceScoped(Writers.SeesNames), new OpenApi.QueryParameters(
                new("limit", $"Changes per page, at most {MaxLimit}.", "integer", DefaultLimit, 1, MaxLimit),
                new("offset", "Changes to skip.", "integer", 0, 0, ItemsQuery.MaxOffset)))
            .AddEndpointFilter<Http.DataVersionETag>()
            .WithSummary("A feature's changes, oldest first: who (to planners and admins by name, to anyone else by bureau), when, "
                         + "which fields with old and new values, old and new geometry")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/changes", Feed).WithName("Changes").WithTags("History").WithMetadata(new OpenApi.QueryParameters(
                new("since", "Changes made at or after this instant (RFC 3339), or the cursor of the last answer's next link."),
                new("layer", $"Only this layer's changes: {InventoryLayers.Names}."),
                new("limit", $"Changes per page, at most {MaxLimit}.", "integer", DefaultLimit, 1, MaxLimit)))
            .WithSummary("The change feed (who: as in a feature's history): changes since a time (since=2026-11-27T10:00:00Z) or since the cursor of the last "
                         + "answer's next link, in commit order; layer narrows it; limit default 100, at most 1000")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> FeatureHistory(string collectionId, string featureId, HttpRequest request,
        InventoryDbContext db, CancellationToken ct)
    {
        if (HistoryNames.Table(collectionId) is not { } table)
        {
            return TypedResults.Problem($"no collection '{collectionId}'", statusCode: StatusCodes.Status404NotFound, title: "Collection not found");
        }

        var (limit, offset, error) = Page(request.Query);
        if (error is not null)
        {
            return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "Invalid history request");
        }

        var changes = await db.FeatureHistory.AsNoTracking().Where(c => c.Layer == table && c.Code == featureId)
            .OrderBy(c => c.Id).Skip(offset).Take(limit + 1).ToListAsync(ct);
        if (changes.Count == 0 && offset == 0)
        {
            return TypedResults.Problem($"collection '{collectionId}' has no feature '{featureId}', now or before",
                statusCode: StatusCodes.Status404NotFound, title: "Feature not found");
        }

        var self = $"{OgcLinks.Items(request, collectionId)}/{Uri.EscapeDataString(featureId)}/history";
        return new GeoJsonResult("application/json", w =>
        {
            w.WriteStartObject();
            w.WriteString("layer", collectionId);
            w.WriteString("featureId", featureId);
            WriteChanges(w, changes.Take(limit), Writers.For(request.HttpContext.User));
            var links = new List<(string, string, string, string)>
            {
                ($"{self}?limit={limit}&offset={offset}", "self", "application/json", "This page"),
                ($"{OgcLinks.Items(request, collectionId)}/{Uri.EscapeDataString(featureId)}", "item", GeoJsonResult.GeoJson, "The feature now"),
            };
            if (changes.Count > limit)
            {
                links.Add(($"{self}?limit={limit}&offset={offset + limit}", "next", "application/json", "Later changes"));
            }

            OgcLinks.Write(w, [.. links]);
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> Feed(HttpRequest request, InventoryDbContext db, CancellationToken ct)
    {
        string[] known = ["since", "layer", "limit"];
        if (request.Query.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            return Bad($"unknown query parameter '{unknown}': this endpoint takes {string.Join(", ", known)}");
        }

        var (limit, _, error) = Page(request.Query);
        string? table = null;
        if (request.Query["layer"].ToString() is { Length: > 0 } layer && (table = HistoryNames.Table(layer)) is null)
        {
            error = $"layer must be one of {InventoryLayers.Names}";
        }

        if (error is not null)
        {
            return Bad(error);
        }

        // Transactions below the oldest still running are finished for good: the window ends there.
        var horizon = await db.Database.SqlQuery<long>($"SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS \"Value\"").SingleAsync(ct);
        var since = request.Query["since"].ToString();
        ChangeCursor cursor;
        if (ChangeCursor.TryParse(since, out var given))
        {
            cursor = given.Upper == 0 ? given with { Upper = horizon } : given;
        }
        else if (since.Contains('T') && DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            // From the first change at or after that time: ids grow as changes are written. The time stays in the
            // cursor: a transaction newer than the horizon may hold older changes (a migration's baseline rows carry
            // their features' own times), and later windows must not hand them out.
            var first = await db.FeatureHistory.Where(c => c.ChangedAt >= time).MinAsync(c => (long?)c.Id, ct);
            cursor = new ChangeCursor(0, horizon, first is { } id ? id - 1 : long.MaxValue,
                Math.Max(1, (time - DateTimeOffset.UnixEpoch).Ticks / 10));
        }
        else
        {
            return Bad("since is required: an RFC 3339 time (2026-11-27T10:00:00Z) or the cursor of a next link");
        }

        var selected = db.FeatureHistory.AsNoTracking()
            .Where(c => c.Xact >= cursor.Lower && c.Xact < cursor.Upper && c.Id > cursor.AfterId);
        if (table is not null)
        {
            selected = selected.Where(c => c.Layer == table);
        }

        if (cursor.Since is { } floor)
        {
            selected = selected.Where(c => c.ChangedAt >= floor);
        }

        // Within a window every change is final, so it pages by id; a page that is not full ends the window, and the
        // next starts where this one ended.
        var changes = await selected.OrderBy(c => c.Id).Take(limit + 1).ToListAsync(ct);
        var next = changes.Count > limit
            ? cursor with { AfterId = changes[limit - 1].Id }
            : new ChangeCursor(cursor.Upper, 0, 0, cursor.SinceMicros);
        var path = $"{request.Root()}/changes";
        var layerQuery = table is null ? "" : $"&layer={HistoryNames.Layer(table)}";
        return new GeoJsonResult("application/json", w =>
        {
            w.WriteStartObject();
            WriteChanges(w, changes.Take(limit), Writers.For(request.HttpContext.User), withLayer: true);
            OgcLinks.Write(w, ($"{path}?since={next}{layerQuery}&limit={limit}", "next", "application/json",
                "Changes after these (poll it later for new ones)"));
            w.WriteEndObject();
        });
    }

    private static void WriteChanges(Utf8JsonWriter w, IEnumerable<FeatureChange> changes, Func<string, string> actor,
        bool withLayer = false)
    {
        w.WriteStartArray("changes");
        foreach (var c in changes)
        {
            w.WriteStartObject();
            w.WriteNumber("id", c.Id);
            if (withLayer)
            {
                w.WriteString("layer", HistoryNames.Layer(c.Layer));
                w.WriteString("featureId", c.Code);
            }

            w.WriteString("operation", c.Operation);
            w.WriteString("changedAt", c.ChangedAt);
            w.WriteString("actor", actor(c.Actor));
            w.WriteStartArray("fields");
            foreach (var f in c.Fields)
            {
                w.WriteStringValue(HistoryNames.Field(f));
            }

            w.WriteEndArray();
            w.WriteStartObject("changes");
            foreach (var change in c.Changes?.RootElement.EnumerateObject() ?? default)
            {
                w.WritePropertyName(HistoryNames.Field(change.Name));
                change.Value.WriteTo(w);
            }

            w.WriteEndObject();
            if (c.OldGeometry is not null)
            {
                w.WritePropertyName("oldGeometry");
                JsonSerializer.Serialize(w, c.OldGeometry, GeoJsonResult.Options);
            }

            if (c.NewGeometry is not null && (c.Operation != "update" || c.OldGeometry is not null))
            {
                w.WritePropertyName("newGeometry");
                JsonSerializer.Serialize(w, c.NewGeometry, GeoJsonResult.Options);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static (int Limit, int Offset, string? Error) Page(IQueryCollection query)
    {
        var (limit, limitError) = ItemsQuery.Whole(query, "limit", DefaultLimit, 1, MaxLimit);
        var (offset, offsetError) = ItemsQuery.Whole(query, "offset", 0, 0, ItemsQuery.MaxOffset);
        return (limit, offset, limitError ?? offsetError);
    }

    private static ProblemHttpResult Bad(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid changes request");
}

/// <summary>
/// Where a subscriber stands in the feed: the transactions [<c>Lower</c>, <c>Upper</c>) and, within them, the changes
/// after <c>AfterId</c>, made at or after <c>SinceMicros</c> (Unix microseconds; 0: any time) when the feed began at a time.
/// Written <c>lower.upper.afterId</c> or <c>lower.upper.afterId.sinceMicros</c>; <c>Upper</c> 0 means "up to what has
/// finished by then".
/// </summary>
public readonly record struct ChangeCursor(long Lower, long Upper, long AfterId, long SinceMicros = 0)
{
    public DateTimeOffset? Since => SinceMicros == 0 ? null : DateTimeOffset.UnixEpoch.AddTicks(SinceMicros * 10);

    public override string ToString() => SinceMicros == 0 ? $"{Lower}.{Upper}.{AfterId}" : $"{Lower}.{Upper}.{AfterId}.{SinceMicros}";

    public static bool TryParse(string text, out ChangeCursor cursor)
    {
        cursor = default;
        var parts = text.Split('.');
        long since = 0;
        if (parts.Length is not (3 or 4) || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var lower)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var upper)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var after)
            || (parts.Length == 4 && (!long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out since)
                                      || since > (DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks / 10)))
        {
            return false;
        }

        cursor = new ChangeCursor(lower, upper, after, since);
        return true;
    }
}
