using LandInventory.Data;
using LandInventory.Data.History;
using LandInventory.GisApi.Auth;
using LandInventory.Import;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LandInventory.GisApi.Editing;

/// <summary>A write refused for a reason the client must hear as a status: 403, 404, 409, 412, 428.</summary>
public sealed class WriteRefusedException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public ProblemHttpResult ToResult() => TypedResults.Problem(Message, statusCode: Status, title: Title);
}

/// <summary>
/// The database the importer writes through from the API: the service's connection string without its
/// <c>statement_timeout</c>, since a large import's merge rightly runs longer than any read may.
/// </summary>
public sealed class ImportSource(NpgsqlDataSource dataSource)
{
    public NpgsqlDataSource DataSource => dataSource;
}

/// <summary>One problem of a 422, as clients read it; <c>suggestedCrs</c> only when the coordinates look like another system.</summary>
public sealed record FieldError(
    int? Feature, string? Code, string Field, string Message,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    string? SuggestedCrs);

/// <summary>What every write shares: the importer run over a received file, and its problems as a 422.</summary>
public static class Writes
{
    public const string IfMatchMissing = "This write needs If-Match with the feature's ETag (GET it first), so that no one's change is overwritten unseen.";

    /// <summary>One received feature through the importer's checks and all-or-nothing write, as <paramref name="editor"/>.</summary>
    public static Task<ImportResult> ImportAsync(ImportSource source, ImportInput input, ImportOptions options,
        Editor editor, IImportProgress progress, Func<NpgsqlConnection, CancellationToken, Task>? precondition, CancellationToken ct) =>
        new ImportRun(source.DataSource, editor.Scope(options), progress, precondition).RunAsync([input], ct);

    /// <summary>422 with every problem, each naming feature, code and field, as the importer reports them.</summary>
    public static ProblemHttpResult Invalid(ProblemLog problems, string title = "The feature is not valid; nothing was written") =>
        TypedResults.Problem(
            $"{problems.Total} problem(s): {string.Join("; ", problems.Kept.Take(5).Select(p => p.Describe(DeclareCrs)))}",
            statusCode: StatusCodes.Status422UnprocessableEntity, title: title,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = problems.Kept.Select(p => new FieldError(p.FeatureIndex, p.Code, p.Field, p.Message, p.SuggestedCrs)).ToList(),
            });

    /// <summary>How a client declares the system a posted feature's coordinates are in (OGC API – Features Part 4).</summary>
    private static string DeclareCrs(string crs) =>
        $"declare it with Content-Crs: <{(crs.StartsWith("EPSG:", StringComparison.Ordinal) ? $"http://www.opengis.net/def/crs/EPSG/0/{crs[5..]}" : crs)}>";

    /// <summary>The row version <c>If-Match</c> names: null for <c>*</c> (any), a refusal when missing or not a feature's tag.</summary>
    public static uint? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            throw new WriteRefusedException(StatusCodes.Status428PreconditionRequired, "If-Match required", IfMatchMissing);
        }

        if (header == "*")
        {
            return null;
        }

        return Http.DataVersionETag.RowVersionOf(header.Split(',')[0].Trim())
               ?? throw new WriteRefusedException(StatusCodes.Status412PreconditionFailed, "Precondition failed",
                   "If-Match does not name a version of this feature: use the ETag of GET …/items/{featureId}.");
    }

    public static WriteRefusedException Stale() => new(StatusCodes.Status412PreconditionFailed, "Precondition failed",
        "The feature changed since it was read (its ETag no longer matches): GET it again, re-apply the change, retry.");

    public static WriteRefusedException NotYours(string? steward, Editor editor) => new(StatusCodes.Status403Forbidden, "Forbidden",
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
            throw Stale();
        }

        await transaction.CommitAsync(ct);
    }

    public static EditableLayer Layer(string collectionId) =>
        EditableLayers.Find(collectionId) ?? throw new WriteRefusedException(StatusCodes.Status404NotFound, "Collection not found",
            $"no collection '{collectionId}': the collections are {string.Join(", ", EditableLayers.All.Select(l => l.Id))}");

    public static WriteRefusedException NotFound(string collectionId, string featureId) =>
        new(StatusCodes.Status404NotFound, "Feature not found", $"collection '{collectionId}' has no feature '{featureId}'");

    public static Editor Authorize(HttpContext http, EditableLayer layer, object entity) =>
        Authorize(http, layer, EditableLayer.StewardOf(entity) ?? "");

    /// <summary>
    /// Areas are an admin's; a record is its bureau's planners' (a body without a steward is left to the importer's
    /// checks, which name the missing field).
    /// </summary>
    public static Editor Authorize(HttpContext http, EditableLayer layer, string? steward)
    {
        var editor = Editor.From(http.User);
        if (layer.ImportLayer == Import.Layer.Areas)
        {
            return editor.IsAdmin ? editor : throw NotYours(null, editor);
        }

        return steward is null || editor.MayEdit(steward) ? editor : throw NotYours(steward, editor);
    }
}
