using LandInventory.Data;
using LandInventory.Data.History;
using LandInventory.GisApi.Auth;
using LandInventory.Import;
using LandInventory.GisApi.Errors;
using LandInventory.GisApi.Importing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LandInventory.GisApi.Editing;

/// <summary>What every write shares: the importer run over a received file, and its problems as a 422.</summary>
public static class Writes
{
    public const string IfMatchMissing = "This write needs If-Match with the feature's ETag (GET it first), so that no one's change is overwritten unseen.";

    /// <summary>One received feature through the importer's checks and all-or-nothing write, as <paramref name="editor"/>.</summary>
    public static Task<ImportResult> ImportAsync(ImportSource source, ImportInput input, ImportOptions options,
        Editor editor, IImportProgress progress, Func<NpgsqlConnection, CancellationToken, Task>? precondition, CancellationToken ct) =>
        new ImportRun(source.DataSource, editor.Scope(options), progress, precondition).RunAsync([input], ct);

    public const string NotWritten = "The feature is not valid; nothing was written";

    /// <summary>A 422 with every problem, each naming feature, code and field, as the importer reports them.</summary>
    public static RequestRefusedException Invalid(ProblemLog problems, string title = NotWritten) => new(
        Refusal.Unprocessable, title,
        $"{problems.Total} problem(s): {string.Join("; ", problems.Kept.Take(5).Select(p => p.Describe(DeclareCrs)))}",
        [.. problems.Kept.Select(p => new FieldError(p.FeatureIndex, p.Code, p.Field, p.Message, p.SuggestedCrs))]);

    public static RequestRefusedException Unprocessable(string detail, string title = NotWritten) =>
        new(Refusal.Unprocessable, title, detail);

    /// <summary>A body that is not JSON at all.</summary>
    public static RequestRefusedException NotJson(System.Text.Json.JsonException e) =>
        new(Refusal.Invalid, "The body is not JSON", e.Message);

    /// <summary>How a client declares the system a posted feature's coordinates are in (OGC API – Features Part 4).</summary>
    private static string DeclareCrs(string crs) =>
        $"declare it with Content-Crs: <{(crs.StartsWith("EPSG:", StringComparison.Ordinal) ? $"http://www.opengis.net/def/crs/EPSG/0/{crs[5..]}" : crs)}>";

    /// <summary>The row version <c>If-Match</c> names: null for <c>*</c> (any), a refusal when missing or not a feature's tag.</summary>
    public static uint? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            throw NoIfMatch();
        }

        if (header == "*")
        {
            return null;
        }

        return Http.DataVersionETag.RowVersionOf(header.Split(',')[0].Trim())
               ?? throw new RequestRefusedException(Refusal.Stale, "Precondition failed",
                   "If-Match does not name a version of this feature: use the ETag of GET …/items/{featureId}.");
    }

    public static RequestRefusedException NoIfMatch() => new(Refusal.NeedsIfMatch, "If-Match required", IfMatchMissing);

    public static RequestRefusedException Stale() => new(Refusal.Stale, "Precondition failed",
        "The feature changed since it was read (its ETag no longer matches): GET it again, re-apply the change, retry.");

    public static RequestRefusedException NotYours(string? steward, Editor editor) => new(Refusal.NotYours, "Forbidden",
        steward is null
            ? "Only an admin may change areas."
            : $"This record is stewarded by \"{steward}\"; a planner of \"{editor.Steward}\" may only change that bureau's records.");

    /// <summary>A tracked entity's row version (xmin) as loaded.</summary>
    public static uint VersionOf(InventoryDbContext db, object entity) => (uint)db.Entry(entity).Property("Version").CurrentValue!;

    /// <summary>
    /// The write as one transaction that names its author. <paramref name="current"/> checks the client's precondition
    /// now (a patch that changes nothing must still not succeed on a stale tag); the row version, EF's concurrency token,
    /// makes the UPDATE's <c>WHERE xmin = …</c> catch a change made between this read and the write.
    /// </summary>
    public static async Task SaveAsync(InventoryDbContext db, HttpContext http, object entity, Func<object, bool> current,
        CancellationToken ct)
    {
        if (!current(entity))
        {
            throw Stale();
        }

        await using var transaction = await AsEditorAsync(db, Editor.From(http.User), ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Stale();
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>A transaction in which the history names the editor and row security sees what they may: their bureau's, or all.</summary>
    public static Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> AsEditorAsync(InventoryDbContext db, Editor editor,
        CancellationToken ct) =>
        WriterScope.BeginAsync(db, editor.Actor, editor.Steward, editor.IsAdmin, ct);

    public static EditableLayer Layer(string collectionId) =>
        InventoryLayers.Find(collectionId)?.Editing ?? throw new RequestRefusedException(Refusal.NotFound, "Collection not found",
            $"no collection '{collectionId}': the collections are {InventoryLayers.Names}");

    public static RequestRefusedException NotFound(string collectionId, string featureId) =>
        new(Refusal.NotFound, "Feature not found", $"collection '{collectionId}' has no feature '{featureId}'");

    public static Editor Authorize(HttpContext http, EditableLayer layer, object entity) =>
        Authorize(http, layer, EditableLayer.StewardOf(entity) ?? "");

    /// <summary>
    /// An unstewarded layer (areas) is an admin's; a record is its bureau's planners' (a body without a steward is left
    /// to the importer's checks, which name the missing field).
    /// </summary>
    public static Editor Authorize(HttpContext http, EditableLayer layer, string? steward)
    {
        var editor = Editor.From(http.User);
        if (!layer.Import.Stewarded)
        {
            return editor.IsAdmin ? editor : throw NotYours(null, editor);
        }

        return steward is null || editor.MayEdit(steward) ? editor : throw NotYours(steward, editor);
    }
}
