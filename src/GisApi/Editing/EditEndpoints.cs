using System.Text.Json;
using LandInventory.Data;
using LandInventory.Data.History;
using LandInventory.GisApi.Auth;
using LandInventory.Import;
using LandInventory.Import.Mapping;
using LandInventory.Import.Reading;
using LandInventory.GisApi.Errors;
using LandInventory.GisApi.Importing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LandInventory.GisApi.Editing;

/// <summary>
/// OGC API – Features Part 4 (create, replace, update, delete) on <c>/ogc/collections/{collectionId}/items</c>, for
/// planners (their bureau's records) and admins. Create and replace run the importer's checks and write; PATCH changes
/// the day-to-day figures (each layer's <see cref="EditableLayer.Fields"/>). Replace, update and delete need <c>If-Match</c> with the
/// feature's ETag: a stale write gets 412, never a lost update. Every change lands in the feature history.
/// </summary>
public static class EditEndpoints
{
    /// <summary>A feature is small; a file of many is an import (<c>POST /imports</c>).</summary>
    public const int MaxFeatureBytes = 4 * 1024 * 1024;

    private const string ChangeNotWritten = "The change is not valid; nothing was written";

    public static IEndpointRouteBuilder MapEditEndpoints(this IEndpointRouteBuilder app)
    {
        var items = app.MapGroup("/ogc/collections/{collectionId}/items").WithTags("OGC API – Features: editing")
            .RequireAuthorization(AuthSetup.EditorPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        items.MapPost("/", Create).WithName("OgcCreateItem").WithMetadata(new Http.RowVersioned())
            .WithSummary("Add a feature (GeoJSON Feature; Content-Crs or a legacy crs member for other systems): the importer's checks, then the write")
            .Produces(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        items.MapPut("/{featureId}", Replace).WithName("OgcReplaceItem").WithMetadata(new Http.RowVersioned())
            .WithSummary("Replace a feature (If-Match required): the importer's checks, then the write")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        items.MapPost("/{featureId}/history/{changeId:long}/restore", Restore).WithName("OgcRestoreItemVersion").WithMetadata(new Http.RowVersioned())
            .WithSummary("Restore the version one change of the feature's history left (If-Match with the feature's current ETag): written as a replace, recorded as a new change")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        items.MapPatch("/{featureId}", Update).WithName("OgcUpdateItem").WithMetadata(new Http.RowVersioned())
            .WithSummary("Change some of a feature's figures (JSON Merge Patch of the feature's properties; If-Match required): "
                         + "parcels: status, startingPrice, priceBasis, depositWanYuan, availableFrom; carriers and buildings: "
                         + "vacantFloorAreaSqm, rentCnyPerSqmMonth, availableFrom (carriers: status); all: contactName, contactPhone, verifiedOn")
            .Accepts<JsonElement>("application/merge-patch+json", "application/json")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        items.MapDelete("/{featureId}", Delete).WithName("OgcDeleteItem")
            .WithSummary("Remove a feature (If-Match required); refused (409) while others point to it")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return app;
    }

    private static async Task<NoContent> Update(string collectionId, string featureId, HttpContext http,
        InventoryDbContext db, CancellationToken ct)
    {
        var layer = Writes.Layer(collectionId);
        var ifMatch = Writes.IfMatch(http.Request);
        var properties = await PatchPropertiesAsync(http.Request, ct);
        var entity = await layer.Find(db, featureId, ct) ?? throw Writes.NotFound(collectionId, featureId);
        Writes.Authorize(http, layer, entity);
        if (FeaturePatch.Apply(layer, featureId, entity, properties) is { Total: > 0 } problems)
        {
            throw Writes.Invalid(problems, ChangeNotWritten);
        }

        await Writes.SaveAsync(db, http, entity, e => ifMatch is null || Writes.VersionOf(db, e) == ifMatch, ct);
        await SetETagAsync(http);
        return TypedResults.NoContent();
    }

    /// <summary>A feature others still point to stays: the database refuses, and the error handler says 409 and by what.</summary>
    private static async Task<NoContent> Delete(string collectionId, string featureId, HttpContext http,
        InventoryDbContext db, CancellationToken ct)
    {
        var layer = Writes.Layer(collectionId);
        var ifMatch = Writes.IfMatch(http.Request);
        var entity = await layer.Find(db, featureId, ct) ?? throw Writes.NotFound(collectionId, featureId);
        Writes.Authorize(http, layer, entity);
        db.Remove(entity);
        await Writes.SaveAsync(db, http, entity, e => ifMatch is null || Writes.VersionOf(db, e) == ifMatch, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Created> Create(string collectionId, HttpContext http, ImportSource source, CancellationToken ct)
    {
        var layer = Writes.Layer(collectionId);
        var received = await ReceivedFeature.ReadAsync(http.Request, layer, ct);
        var editor = Writes.Authorize(http, layer, received.Steward);
        var result = await Writes.ImportAsync(source, received.Input, Options(received), editor,
            NoProgress.Instance, async (connection, token) =>
            {
                if (await LockAsync(connection, layer, received.Key, token) is not null)
                {
                    throw new RequestRefusedException(Refusal.Conflict, "The feature exists",
                        $"{collectionId} already has {received.Key}: replace it (PUT) or update it (PATCH).");
                }
            }, ct);
        if (!result.Written)
        {
            throw Writes.Invalid(result.Problems);
        }

        http.Request.RouteValues["featureId"] = received.Key;
        await SetETagAsync(http);
        return TypedResults.Created($"{Ogc.OgcLinks.Items(http.Request, collectionId)}/{Uri.EscapeDataString(received.Key)}");
    }

    private static async Task<NoContent> Replace(string collectionId, string featureId, HttpContext http, ImportSource source,
        CancellationToken ct)
    {
        var layer = Writes.Layer(collectionId);
        var ifMatch = Writes.IfMatch(http.Request);
        var received = await ReceivedFeature.ReadAsync(http.Request, layer, ct);
        return await ReplaceAsync(http, source, layer, collectionId, featureId, received, ifMatch, ct);
    }

    /// <summary>
    /// An earlier version, restored as a new change: the feature as that change of its history left it, written as a
    /// replace — the importer's checks, the bureau rules, If-Match — so the history records the restore like any edit.
    /// </summary>
    private static async Task<NoContent> Restore(string collectionId, string featureId, long changeId, HttpContext http,
        ImportSource source, CancellationToken ct)
    {
        var layer = Writes.Layer(collectionId);
        var ifMatch = Writes.IfMatch(http.Request);
        string? past;
        await using (var connection = await source.DataSource.OpenConnectionAsync(ct))
        {
            past = await layer.Import.PastFeatureAsync(connection, changeId, featureId, ct);
        }

        var body = System.Text.Encoding.UTF8.GetBytes(past ?? throw new RequestRefusedException(Refusal.NotFound, "Version not found",
            $"{featureId} has no change {changeId} that left a version to restore (a removal leaves none)"));
        var received = ReceivedFeature.From(body, layer, null, $"version {changeId} of {featureId}");
        return await ReplaceAsync(http, source, layer, collectionId, featureId, received, ifMatch, ct);
    }

    private static async Task<NoContent> ReplaceAsync(HttpContext http, ImportSource source, EditableLayer layer, string collectionId,
        string featureId, ReceivedFeature received, uint? ifMatch, CancellationToken ct)
    {
        var editor = Writes.Authorize(http, layer, received.Steward);
        if (received.Key != featureId)
        {
            throw Writes.Unprocessable($"the body is {received.Key}, the URL {featureId}: a replace keeps the code (import to rename)");
        }

        var result = await Writes.ImportAsync(source, received.Input, Options(received), editor,
            NoProgress.Instance, async (connection, token) =>
            {
                var (version, steward) = await LockAsync(connection, layer, featureId, token) ?? throw Writes.NotFound(collectionId, featureId);
                Writes.Authorize(http, layer, steward ?? "");

                if (ifMatch is not null && version != ifMatch)
                {
                    throw Writes.Stale();
                }
            }, ct);
        if (!result.Written)
        {
            throw Writes.Invalid(result.Problems);
        }

        await SetETagAsync(http);
        return TypedResults.NoContent();
    }

    /// <summary>The importer's options for one received feature: upsert, in the body's declared CRS (Content-Crs).</summary>
    private static ImportOptions Options(ReceivedFeature received) => new(Crs: received.Crs);

    private static async Task SetETagAsync(HttpContext http) =>
        http.Response.Headers.ETag = await Http.DataVersionETag.TagAsync(http);

    private static async Task<(uint Version, string? Steward)?> LockAsync(NpgsqlConnection connection, EditableLayer layer,
        string key, CancellationToken ct)
    {
        // Two creates of one code wait for each other here, so the second sees the first (409) instead of merging into it.
        await using (var serialize = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))", connection))
        {
            serialize.Parameters.AddWithValue("key", $"{layer.Id}/{key}");
            await serialize.ExecuteNonQueryAsync(ct);
        }

        await using var command = new NpgsqlCommand(layer.LockSql, connection);
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? ((uint)reader.GetInt64(0), await reader.IsDBNullAsync(1, ct) ? null : reader.GetString(1))
            : null;
    }

    /// <summary>The properties object of a merge patch of the feature (<c>{"properties":{…}}</c>).</summary>
    private static async Task<JsonElement> PatchPropertiesAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            if (body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
                && body.RootElement.EnumerateObject().All(p => p.Name is "properties" or "type"))
            {
                return properties.Clone();
            }
        }
        catch (JsonException e)
        {
            throw Writes.NotJson(e);
        }

        throw Writes.Unprocessable(
            "a PATCH body is a merge patch of the feature: {\"properties\": {\"status\": \"reserved\"}} (geometry and id change by PUT)", ChangeNotWritten);
    }
}
