using System.Text.Json;
using LandInventory.Data;
using LandInventory.Data.Mappings;
using LandInventory.GisApi.Auth;
using LandInventory.GisApi.Editing;
using LandInventory.GisApi.Errors;
using LandInventory.GisApi.Http;
using LandInventory.Import;
using LandInventory.Import.Mapping;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LandInventory.GisApi.Importing;

/// <summary>
/// The field mappings a bureau keeps (<c>/imports/mappings</c>): listed with the built-in ones, read, kept (PUT, checked
/// against the layer's properties as an import reads it) and removed — by the bureau's planners and admins, and the
/// database's row security keeps each bureau to its own. An import names one by <c>mapping=name</c>.
/// </summary>
public static class MappingEndpoints
{
    public const int DefaultLimit = 100;

    public static IEndpointRouteBuilder MapMappingEndpoints(this IEndpointRouteBuilder app)
    {
        var mappings = app.MapGroup("/imports/mappings").WithTags("Imports").RequireAuthorization(AuthSetup.EditorPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        var bureau = new OpenApi.QueryParameter("bureau", "The bureau whose mapping it is: a planner's own when left out; an admin names one.");
        mappings.MapGet("/", List).WithName("ListMappings").WithMetadata(new OpenApi.QueryParameters(
                new("layer", $"Only mappings of this layer: {ImportLayers.Names()}."),
                new("limit", $"Mappings per page, at most {KeptMappingConfiguration.MaxPerBureau}.", "integer", DefaultLimit, 1, KeptMappingConfiguration.MaxPerBureau),
                new("offset", "Mappings to skip.", "integer", 0, 0)))
            .WithSummary("The built-in field mappings and those the caller's bureau keeps (an admin: every bureau's), by bureau and name")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status400BadRequest);
        mappings.MapGet("/{name}", Get).WithName("GetMapping").WithMetadata(new OpenApi.QueryParameters(bureau))
            .WithSummary("A field mapping: a built-in one, or one the bureau keeps, as its JSON")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status404NotFound);
        mappings.MapPut("/{name}", Put).WithName("PutMapping").WithMetadata(new OpenApi.QueryParameters(bureau))
            .Accepts<object>("application/json")
            .WithSummary("Keep a field mapping for the bureau: {\"layer\": \"parcels\", \"fields\": {\"宗地编号\": \"code\", \"用地面积\": {\"to\": \"netSiteAreaSqm\", \"unit\": \"亩\"}}, \"ignore\": [\"序号\"]}; 201 when new, 200 when replaced")
            .Produces(StatusCodes.Status200OK).Produces(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        mappings.MapDelete("/{name}", Delete).WithName("DeleteMapping").WithMetadata(new OpenApi.QueryParameters(bureau))
            .WithSummary("Remove a mapping the bureau keeps").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>
    /// The mapping an import names: a built-in one, else one the bureau keeps (<c>name</c>, or <c>bureau/name</c>), read for
    /// the import's layer; none when it names none.
    /// </summary>
    public static async Task<FieldMapping?> ResolveAsync(InventoryDbContext db, Editor editor, string? text, ImportLayer layer, CancellationToken ct)
    {
        if (text is null)
        {
            return null;
        }

        if (FieldMapping.BuiltInNamed(text) is { } builtIn)
        {
            return builtIn;
        }

        var (bureau, name) = KeptMappings.Reference(text, editor.Steward);
        if (bureau is null)
        {
            throw Invalid($"mapping: '{text}' is not a built-in mapping ({string.Join(", ", FieldMapping.BuiltInNames)}); an admin names a bureau's mapping as bureau/name");
        }

        await using var transaction = await Writes.AsEditorAsync(db, editor, ct);
        try
        {
            // Another bureau's mapping is as if it did not exist (row security says the same to the API's own role).
            return (editor.MayEdit(bureau) && await KeptMappings.FindAsync(db, bureau, name, ct) is { } kept ? KeptMappings.Read(kept, layer) : null)
                   ?? throw Invalid($"mapping: '{name}' is neither a built-in mapping ({string.Join(", ", FieldMapping.BuiltInNames)}) nor one {bureau} keeps (GET /imports/mappings lists them)");
        }
        catch (ArgumentException e)
        {
            throw Invalid($"mapping: {e.Message}");
        }
    }

    private static async Task<Ok<object>> List(HttpContext http, InventoryDbContext db, CancellationToken ct)
    {
        var query = http.Request.Query;
        var layer = query["layer"].ToString() is { Length: > 0 } named
            ? ImportLayers.Find(named)?.Name ?? throw Invalid($"layer: one of {ImportLayers.Names()}, not '{named}'")
            : null;
        var (limit, limitError) = Ogc.ItemsQuery.Whole(query, "limit", DefaultLimit, 1, KeptMappingConfiguration.MaxPerBureau);
        var (offset, offsetError) = Ogc.ItemsQuery.Whole(query, "offset", 0, 0, Ogc.ItemsQuery.MaxOffset);
        if ((limitError ?? offsetError) is { } error)
        {
            throw Invalid(error);
        }

        var editor = Editor.From(http.User);
        await using var transaction = await Writes.AsEditorAsync(db, editor, ct);
        var kept = db.KeptMappings.AsNoTracking().Where(m => (editor.IsAdmin || m.StewardId == editor.Steward) && (layer == null || m.Layer == layer));
        var page = await kept.OrderBy(m => m.StewardId).ThenBy(m => m.Name).Skip(offset).Take(limit + 1).ToListAsync(ct);
        var root = $"{http.Request.Root()}/imports/mappings";
        object[] links = page.Count > limit
            ? [new { href = $"{root}?limit={limit}&offset={offset + limit}{(layer is null ? "" : $"&layer={layer}")}", rel = "next", type = "application/json" }]
            : [];
        return TypedResults.Ok<object>(new
        {
            builtIn = FieldMapping.BuiltInNames.Select(n => new { name = n, href = $"{root}/{n}" }),
            mappings = page.Take(limit).Select(m => new
            {
                name = m.Name, bureau = m.StewardId, layer = m.Layer, updatedAt = m.UpdatedAt, updatedBy = m.UpdatedBy, href = Self(http, m),
            }),
            links,
        });
    }

    private static async Task<Ok<object>> Get(string name, HttpContext http, InventoryDbContext db, CancellationToken ct)
    {
        if (FieldMapping.BuiltInNamed(name) is { } builtIn)
        {
            return TypedResults.Ok<object>(new
            {
                name = builtIn.Name, builtIn = true,
                fields = builtIn.Fields.ToDictionary(f => f.Key, f => f.Value.Unit is null ? (object)f.Value.Property : new { to = f.Value.Property, unit = f.Value.Unit }),
                ignore = builtIn.Ignored.Order(StringComparer.Ordinal),
            });
        }

        var editor = Editor.From(http.User);
        var bureau = Bureau(http, editor, writing: false);
        await using var transaction = await Writes.AsEditorAsync(db, editor, ct);
        var kept = await db.KeptMappings.AsNoTracking().SingleOrDefaultAsync(m => m.StewardId == bureau && m.Name == name, ct)
                   ?? throw NotFound(name, bureau);
        return TypedResults.Ok(View(kept));
    }

    private static async Task<IResult> Put(string name, HttpContext http, InventoryDbContext db, CancellationToken ct)
    {
        var editor = Editor.From(http.User);
        var bureau = Bureau(http, editor, writing: true);
        if (KeptMappings.NameProblem(name) is { } problem)
        {
            throw Invalid(problem);
        }

        var body = await BodyAsync(http, ct);
        var layer = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("layer", out var l) && l.ValueKind == JsonValueKind.String
            ? ImportLayers.Find(l.GetString()!) ?? throw Invalid($"layer: one of {ImportLayers.Names()}, not '{l.GetString()}'")
            : throw Invalid($"the body is a mapping's JSON with its layer: {{\"layer\": \"parcels\", \"fields\": {{…}}, \"ignore\": […]}}");
        string json;
        try
        {
            json = KeptMappings.Checked(body, name, layer);
        }
        catch (ArgumentException e)
        {
            throw Invalid(e.Message);
        }

        await using var transaction = await Writes.AsEditorAsync(db, editor, ct);
        if (!await db.Stewards.AnyAsync(s => s.Id == bureau, ct))
        {
            throw Invalid($"bureau: no bureau '{bureau}'");
        }

        var kept = await db.KeptMappings.SingleOrDefaultAsync(m => m.StewardId == bureau && m.Name == name, ct);
        var isNew = kept is null;
        if (kept is null)
        {
            if (await db.KeptMappings.CountAsync(m => m.StewardId == bureau, ct) >= KeptMappingConfiguration.MaxPerBureau)
            {
                throw new RequestRefusedException(Refusal.Conflict, "Too many mappings",
                    $"{bureau} keeps {KeptMappingConfiguration.MaxPerBureau} mappings, the most a bureau may: remove one first");
            }

            kept = new KeptMapping { StewardId = bureau, Name = name, Layer = layer.Name, Body = json, UpdatedBy = editor.Actor };
            db.KeptMappings.Add(kept);
        }

        (kept.Layer, kept.Body, kept.UpdatedBy, kept.UpdatedAt) = (layer.Name, json, editor.Actor, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var view = View(kept);
        return isNew ? TypedResults.Created(Self(http, kept), view) : TypedResults.Ok(view);
    }

    private static async Task<NoContent> Delete(string name, HttpContext http, InventoryDbContext db, CancellationToken ct)
    {
        var editor = Editor.From(http.User);
        var bureau = Bureau(http, editor, writing: true);
        await using var transaction = await Writes.AsEditorAsync(db, editor, ct);
        if (await db.KeptMappings.Where(m => m.StewardId == bureau && m.Name == name).ExecuteDeleteAsync(ct) == 0)
        {
            throw NotFound(name, bureau);
        }

        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Whose mapping: a planner's own bureau (another's: refused when writing, not found when reading); an admin names one.</summary>
    private static string Bureau(HttpContext http, Editor editor, bool writing)
    {
        var named = http.Request.Query["bureau"].ToString() is { Length: > 0 } b ? b : null;
        if (editor.IsAdmin)
        {
            return named ?? throw Invalid("bureau: an admin names the bureau whose mapping it is (bureau=…)");
        }

        return named is null || named == editor.Steward ? editor.Steward!
            : writing ? throw new RequestRefusedException(Refusal.NotYours, "Forbidden", $"a planner keeps the mappings of their own bureau ({editor.Steward}) only")
            : throw NotFound(http.Request.RouteValues["name"]?.ToString() ?? "", named);
    }

    /// <summary>The body as JSON, at most a mapping's size (a mapping is small; anything larger is refused unread).</summary>
    private static async Task<JsonElement> BodyAsync(HttpContext http, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = KeptMappingConfiguration.MaxBody * 4L;
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw Invalid($"the body is not valid JSON ({e.Message})");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new RequestRefusedException(Refusal.TooLarge, "Mapping too large", $"a mapping is at most {KeptMappingConfiguration.MaxBody} characters of JSON");
        }
    }

    private static object View(KeptMapping kept)
    {
        using var body = JsonDocument.Parse(kept.Body);
        var fields = body.RootElement.TryGetProperty("fields", out var f) ? f.Clone() : default;
        var ignore = body.RootElement.TryGetProperty("ignore", out var i) ? i.Clone() : default;
        return new
        {
            name = kept.Name, bureau = kept.StewardId, layer = kept.Layer, builtIn = false, fields,
            ignore = ignore.ValueKind == JsonValueKind.Array ? ignore : JsonSerializer.SerializeToElement(Array.Empty<string>()),
            updatedAt = kept.UpdatedAt, updatedBy = kept.UpdatedBy,
        };
    }

    private static string Self(HttpContext http, KeptMapping kept) =>
        $"{http.Request.Root()}/imports/mappings/{Uri.EscapeDataString(kept.Name)}?bureau={Uri.EscapeDataString(kept.StewardId)}";

    private static RequestRefusedException NotFound(string name, string bureau) =>
        new(Refusal.NotFound, "Mapping not found", $"{bureau} keeps no mapping '{name}'");

    private static RequestRefusedException Invalid(string detail) => new(Refusal.Invalid, "Invalid mapping request", detail);
}
