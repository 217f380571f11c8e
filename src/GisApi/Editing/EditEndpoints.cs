using System.Text.Json;
using LandInventory.Data;
using LandInventory.Data.History;
using LandInventory.GisApi.Auth;
using LandInventory.Importer;
using LandInventory.Importer.Mapping;
using LandInventory.Importer.Reading;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LandInventory.GisApi.Editing;

/// <summary>
/// OGC API – Features Part 4 (create, replace, update, delete) on <c>/ogc/collections/{collectionId}/items</c>, for
/// planners (their bureau's records) and admins. Create and replace run the importer's checks and write; PATCH changes
/// the day-to-day figures (<see cref="EditableLayers"/>). Replace, update and delete need <c>If-Match</c> with the
/// feature's ETag: a stale write gets 412, never a lost update. Every change lands in the feature history.
/// </summary>
public static class EditEndpoints
{
    /// <summary>A feature is small; a file of many is an import (<c>POST /imports</c>).</summary>
    public const int MaxFeatureBytes = 4 * 1024 * 1024;

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

    private static async Task<IResult> Update(string collectionId, string featureId, HttpContext http,
        InventoryDbContext db, CancellationToken ct)
    {
        try
        {
            var layer = Layer(collectionId);
            var ifMatch = Writes.IfMatch(http.Request);
            var properties = await PatchPropertiesAsync(http.Request, ct);
            var entity = await layer.Find(db, featureId, ct) ?? throw NotFound(collectionId, featureId);
            Authorize(http, layer, entity);
            var problems = new ProblemLog();
            var refused = properties.EnumerateObject().Select(p => p.Name).Where(n => !layer.Fields.ContainsKey(n)).ToList();
            foreach (var name in refused)
            {
                problems.Add(new ImportProblem("request", null, featureId, name, layer.Fields.Count == 0
                    ? $"{collectionId} cannot be patched: replace the feature (PUT) or import"
                    : $"cannot be patched (these can: {string.Join(", ", layer.Fields.Keys.Order())}); replace the feature (PUT) or import to change it"));
            }

            var reader = new PropertyReader(new RawFeature("request", 0, properties, default), problems,
                Data.Spatial.CoordinateSystem.Wgs84);
            foreach (var property in properties.EnumerateObject().Where(p => layer.Fields.ContainsKey(p.Name)))
            {
                layer.Fields[property.Name](reader, entity);
            }

            foreach (var (field, message) in problems.Total == 0 ? layer.Rules(entity) : [])
            {
                problems.Add(new ImportProblem("request", null, featureId, field, message));
            }

            if (problems.Total > 0)
            {
                // The reader numbers features as a file's; a patch is of the one feature the URL names.
                var named = new ProblemLog();
                foreach (var p in problems.Kept)
                {
                    named.Add(p with { FeatureIndex = null, Code = featureId });
                }

                return Writes.Invalid(named, "The change is not valid; nothing was written");
            }

            await SaveAsync(db, http, entity, ifMatch, ct);
            return await WrittenAsync(http);
        }
        catch (WriteRefusedException e)
        {
            return e.ToResult();
        }
    }

    private static async Task<IResult> Delete(string collectionId, string featureId, HttpContext http,
        InventoryDbContext db, CancellationToken ct)
    {
        try
        {
            var layer = Layer(collectionId);
            var ifMatch = Writes.IfMatch(http.Request);
            var entity = await layer.Find(db, featureId, ct) ?? throw NotFound(collectionId, featureId);
            Authorize(http, layer, entity);
            db.Remove(entity);
            await SaveAsync(db, http, entity, ifMatch, ct);
            return TypedResults.NoContent();
        }
        catch (WriteRefusedException e)
        {
            return e.ToResult();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } pg)
        {
            return TypedResults.Problem($"{featureId} is still referred to ({pg.TableName}): remove or move those first.",
                statusCode: StatusCodes.Status409Conflict, title: "The feature is in use");
        }
    }

    private static async Task<IResult> Create(string collectionId, HttpContext http, ImportSource source, CancellationToken ct)
    {
        try
        {
            var layer = Layer(collectionId);
            var received = await ReceivedFeature.ReadAsync(http.Request, layer, ct);
            var editor = Authorize(http, layer, received.Steward);
            await using var file = received;
            var result = await Writes.ImportAsync(source, file.Path, layer.ImportLayer, Options(http, received), editor,
                NoProgress.Instance, async (connection, token) =>
                {
                    if (await LockAsync(connection, layer, received.Key, token) is not null)
                    {
                        throw new WriteRefusedException(StatusCodes.Status409Conflict, "The feature exists",
                            $"{collectionId} already has {received.Key}: replace it (PUT) or update it (PATCH).");
                    }
                }, ct);
            if (!result.Written)
            {
                return Writes.Invalid(result.Problems);
            }

            http.Request.RouteValues["featureId"] = received.Key;
            await SetETagAsync(http);
            return TypedResults.Created($"{Ogc.OgcLinks.Items(http.Request, collectionId)}/{Uri.EscapeDataString(received.Key)}");
        }
        catch (WriteRefusedException e)
        {
            return e.ToResult();
        }
    }

    private static async Task<IResult> Replace(string collectionId, string featureId, HttpContext http, ImportSource source,
        CancellationToken ct)
    {
        try
        {
            var layer = Layer(collectionId);
            var ifMatch = Writes.IfMatch(http.Request);
            var received = await ReceivedFeature.ReadAsync(http.Request, layer, ct);
            await using var file = received;
            var editor = Authorize(http, layer, received.Steward);
            if (received.Key != featureId)
            {
                throw new WriteRefusedException(StatusCodes.Status422UnprocessableEntity, "The feature is not valid; nothing was written",
                    $"the body is {received.Key}, the URL {featureId}: a replace keeps the code (import to rename)");
            }

            var result = await Writes.ImportAsync(source, file.Path, layer.ImportLayer, Options(http, received), editor,
                NoProgress.Instance, async (connection, token) =>
                {
                    var (version, steward) = await LockAsync(connection, layer, featureId, token) ?? throw NotFound(collectionId, featureId);
                    Authorize(http, layer, steward ?? "");

                    if (ifMatch is not null && version != ifMatch)
                    {
                        throw Writes.Stale();
                    }
                }, ct);
            if (!result.Written)
            {
                return Writes.Invalid(result.Problems);
            }

            await SetETagAsync(http);
            return TypedResults.NoContent();
        }
        catch (WriteRefusedException e)
        {
            return e.ToResult();
        }
    }

    private static EditableLayer Layer(string collectionId) =>
        EditableLayers.Find(collectionId) ?? throw new WriteRefusedException(StatusCodes.Status404NotFound, "Collection not found",
            $"no collection '{collectionId}': the collections are {string.Join(", ", EditableLayers.All.Select(l => l.Id))}");

    private static WriteRefusedException NotFound(string collectionId, string featureId) =>
        new(StatusCodes.Status404NotFound, "Feature not found", $"collection '{collectionId}' has no feature '{featureId}'");

    private static Editor Authorize(HttpContext http, EditableLayer layer, object entity) =>
        Authorize(http, layer, EditableLayer.StewardOf(entity) ?? "");

    /// <summary>
    /// Areas are an admin's; a record is its bureau's planners' (a body without a steward is left to the importer's
    /// checks, which name the missing field).
    /// </summary>
    private static Editor Authorize(HttpContext http, EditableLayer layer, string? steward)
    {
        var editor = Editor.From(http.User);
        if (layer.ImportLayer == Importer.Layer.Areas)
        {
            return editor.IsAdmin ? editor : throw Writes.NotYours(null, editor);
        }

        return steward is null || editor.MayEdit(steward) ? editor : throw Writes.NotYours(steward, editor);
    }

    /// <summary>The importer's options for one received feature: upsert, in the body's declared CRS (Content-Crs).</summary>
    private static ImportOptions Options(HttpContext http, ReceivedFeature received) => new(Crs: received.Crs);

    /// <summary>The write as one transaction that names its author; the row version is EF's concurrency token.</summary>
    private static async Task SaveAsync(InventoryDbContext db, HttpContext http, object entity, uint? ifMatch, CancellationToken ct)
    {
        // The tag is compared now (a patch that changes nothing must still not succeed on a stale tag) and again by the
        // UPDATE's WHERE xmin = …, which catches a change made between this read and the write.
        var version = db.Entry(entity).Property("Version");
        if (ifMatch is { } tagged && (uint)version.CurrentValue! != tagged)
        {
            throw Writes.Stale();
        }

        var editor = Editor.From(http.User);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync(HistoryTriggers.SetWriterSql,
            [new NpgsqlParameter("actor", editor.Actor), new NpgsqlParameter("steward", "")], ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Writes.Stale();
        }

        await transaction.CommitAsync(ct);
    }

    private static async Task<IResult> WrittenAsync(HttpContext http)
    {
        await SetETagAsync(http);
        return TypedResults.NoContent();
    }

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
            throw new WriteRefusedException(StatusCodes.Status400BadRequest, "The body is not JSON", e.Message);
        }

        throw new WriteRefusedException(StatusCodes.Status422UnprocessableEntity, "The change is not valid; nothing was written",
            "a PATCH body is a merge patch of the feature: {\"properties\": {\"status\": \"reserved\"}} (geometry and id change by PUT)");
    }
}
