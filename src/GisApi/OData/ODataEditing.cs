using System.Text;
using System.Text.Json;
using LandInventory.Data;
using LandInventory.GisApi.Auth;
using LandInventory.GisApi.Editing;
using LandInventory.GisApi.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using LandInventory.Import;
using Microsoft.EntityFrameworkCore;

namespace LandInventory.GisApi.OData;

/// <summary>
/// OData PATCH of one entity (<c>PATCH /odata/Parcels('code')</c>) under the rules of the OGC PATCH: a planner of the
/// record's bureau or an admin, the same patchable fields and checks (<see cref="FeaturePatch"/>), the history, and
/// <c>If-Match</c> with the entity's <c>@odata.etag</c> (or the OGC ETag): a stale write is a 412. Refusals are thrown;
/// the error handler answers them as OData error bodies under <c>/odata</c>.
/// </summary>
public static class ODataEditing
{
    /// <summary>Each entity set's layer.</summary>
    private static readonly Dictionary<string, string> Layers = InventoryLayers.All.ToDictionary(l => l.OData.Name, l => l.Id);

    public static IEndpointRouteBuilder MapODataEditing(this IEndpointRouteBuilder app)
    {
        // A catch-all, parsed below: a code may hold parentheses (LQ04(252):2025-01), which route templates split wrongly.
        app.MapPatch($"/{ODataSetup.Prefix}/{{**entity}}", Patch).WithName("ODataPatch").WithTags("OData")
            .RequireAuthorization(AuthSetup.EditorPolicy)
            .WithSummary("Change some of an entity's figures, as OGC PATCH does (If-Match: the entity's @odata.etag)")
            .Accepts<JsonElement>("application/json");
        return app;
    }

    private static async Task<NoContent> Patch(string entity, HttpContext http, InventoryDbContext db, CancellationToken ct)
    {
        var open = entity.IndexOf('(', StringComparison.Ordinal);
        var set = open > 0 ? entity[..open] : entity;
        var key = open > 0 && entity.EndsWith(')') ? entity[(open + 1)..^1] : "";
        if (!Layers.TryGetValue(set, out var layerId) || key.Length < 2 || key[0] != '\'' || key[^1] != '\'')
        {
            throw new RequestRefusedException(Refusal.NotFound, "Entity not found",
                $"no entity {entity}: PATCH {string.Join(", ", Layers.Keys.Select(k => k + "('code')"))}");
        }

        var featureId = key[1..^1].Replace("''", "'", StringComparison.Ordinal);
        var layer = Writes.Layer(layerId);
        var tag = http.Request.Headers.IfMatch.ToString().Trim();
        if (tag.Length == 0)
        {
            throw Writes.NoIfMatch();
        }

        var properties = await BodyAsync(http.Request, ct);
        var record = await layer.Find(db, featureId, ct) ?? throw Writes.NotFound(set, featureId);
        Writes.Authorize(http, layer, record);
        if (FeaturePatch.Apply(layer, featureId, record, properties) is { Total: > 0 } problems)
        {
            throw Writes.Invalid(problems, "The change is not valid; nothing was written");
        }

        await Writes.SaveAsync(db, http, record, e => tag == "*" || Matches(db, e, tag), ct);
        http.Response.Headers.ETag = ODataETag(db, record);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The entity's <c>@odata.etag</c> is its <c>updatedAt</c> (a weak tag of the base64 ISO time, as ASP.NET Core OData
    /// writes it); the OGC item's tag names the row version. Either must be the entity's current one.
    /// </summary>
    private static bool Matches(InventoryDbContext db, object entity, string tag)
    {
        var updatedAt = (DateTimeOffset)db.Entry(entity).Property("UpdatedAt").OriginalValue!;
        if (tag.StartsWith("W/\"", StringComparison.Ordinal) && tag.EndsWith('"'))
        {
            try
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(tag[3..^1]));
                return DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.None, out var tagged) && tagged == updatedAt;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        return Http.DataVersionETag.RowVersionOf(tag) is { } version && version == Writes.VersionOf(db, entity);
    }

    private static string ODataETag(InventoryDbContext db, object entity)
    {
        var updatedAt = (DateTimeOffset)db.Entry(entity).Property("UpdatedAt").CurrentValue!;
        var text = updatedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return $"W/\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}\"";
    }

    /// <summary>The entity's changed properties; OData annotations (<c>@odata.type</c> …) are not properties.</summary>
    private static async Task<JsonElement> BodyAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            if (body.RootElement.ValueKind == JsonValueKind.Object)
            {
                var properties = new Dictionary<string, JsonElement>();
                foreach (var p in body.RootElement.EnumerateObject().Where(p => !p.Name.Contains('@', StringComparison.Ordinal)))
                {
                    properties[p.Name] = p.Value.Clone();
                }

                return JsonSerializer.SerializeToElement(properties);
            }
        }
        catch (JsonException e)
        {
            throw Writes.NotJson(e);
        }

        throw new RequestRefusedException(Refusal.Invalid, "The body is not an entity", "the body must be a JSON object of the properties to change");
    }
}
