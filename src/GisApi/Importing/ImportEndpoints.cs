using LandInventory.Data.Spatial;
using LandInventory.GisApi.Auth;
using LandInventory.GisApi.Editing;
using LandInventory.GisApi.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using LandInventory.Import;
using LandInventory.Import.Formats;
using LandInventory.Import.Mapping;
using Microsoft.AspNetCore.Http.Features;
using LandInventory.GisApi.Http;
using LandInventory.Data.Jobs;

namespace LandInventory.GisApi.Importing;

/// <summary>
/// <c>POST /imports?layer=parcels[&amp;crs=EPSG:4544][&amp;mode=upsert|replace][&amp;dryRun=true][&amp;skipInvalid=true]</c>
/// with a GeoJSON file as the body (a FeatureCollection, a Feature or a feature sequence) — the command-line importer
/// over HTTP: 202 and a job to poll at <c>GET /imports/{id}</c> for progress and the report.
/// </summary>
public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/imports").WithTags("Imports").RequireAuthorization(AuthSetup.EditorPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        imports.MapPost("/", Post).WithName("PostImport").WithMetadata(new OpenApi.QueryParameters(
                new("layer", $"The layer the file holds: {ImportLayers.Names()}."),
                new("mode", "upsert (add and update) or replace (also remove what the file lacks; admins only).", Default: "upsert"),
                new("dryRun", "Check and report the change without writing it.", "boolean", false),
                new("skipInvalid", "Write the valid features and report the others.", "boolean", false),
                new("crs", "The coordinate system of the file when it declares none (EPSG:4544, EPSG:4490, …)."),
                new("format", $"The file's format when the upload's name (Content-Disposition) does not say it: {SourceFormats.Known}."),
                new("mapping", "A field mapping: a built-in one, land-notice (the field names of Chinese land-supply notices) or dxf, or one the bureau keeps (/imports/mappings; an admin: bureau/name)."),
                new("table", "The GeoPackage table, or the Shapefile of a zip of several.")))
            .WithSummary("Import a file (GeoJSON, a zipped Shapefile, GeoPackage, KML/KMZ, DXF, CSV) into a layer, as the command-line importer does; answers 202 with the job to poll")
            .Accepts<object>("application/geo+json", "application/json", "application/geo+json-seq", "application/zip",
                "application/geopackage+sqlite3", "application/vnd.google-earth.kml+xml", "application/vnd.google-earth.kmz",
                "image/vnd.dxf", "text/csv", "application/octet-stream")
            .Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        imports.MapGet("/{id}", Get).WithName("GetImport")
            .WithSummary("An import job: state (queued, running, succeeded, invalid, failed, stale), progress and the importer's report")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status404NotFound);
        imports.MapPost("/{id}/commit", async (string id, HttpContext http, ImportJobs jobs, Data.InventoryDbContext db, CancellationToken ct) =>
            {
                var commit = await jobs.CommitAsync(await MineAsync(id, http, db, ct), ct);
                var self = JobUrl(http.Request, commit);
                return TypedResults.Accepted(self, (await ImportJobs.FindAsync(db, commit, ct))!.Describe(self));
            }).WithName("CommitImport")
            .WithSummary("Write exactly what a dry run reported: 202 and a commit job, which writes nothing and reports the new difference (state stale) if the layer changed since")
            .Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Accepted<object>> Post(HttpContext http, ImportJobs jobs, Data.InventoryDbContext db,
        Microsoft.Extensions.Options.IOptions<ImportsOptions> settings, CancellationToken ct)
    {
        var editor = Editor.From(http.User);
        var request = Parse(http.Request.Query, editor);
        var mapping = await MappingEndpoints.ResolveAsync(db, editor, request.Mapping, request.Layer, ct);

        // At most the upload limit, less where this user's or everyone's waiting uploads leave less; none when too many wait.
        var maxBytes = await jobs.RoomAsync(editor.Actor, ct);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        var name = UploadName(http.Request);
        var id = Guid.NewGuid().ToString("N");
        var scope = editor.Scope(request.Options);
        var job = new ImportJobRecord
        {
            Id = id, Owner = editor.Actor, Steward = scope.Steward, EveryBureau = scope.EveryBureau,
            State = "queued", Layer = request.Layer.Name, Mode = request.Options.Mode.Name(), DryRun = request.Options.DryRun,
            SkipInvalid = request.Options.SkipInvalid, Crs = request.Options.Crs is null ? null : http.Request.Query["crs"].ToString(), SurveyToleranceM = settings.Value.SurveyToleranceM,
            SourceName = name, Format = (request.Format ?? SourceFormats.FromName(name))?.ToString(),
            SourceTable = request.Table, MappingName = mapping?.Name, MappingBody = mapping?.Json, Upload = id,
        };

        // The upload waits in the database with its job, for whichever instance runs it; the report names it as the client did.
        try
        {
            await jobs.EnqueueAsync(job, http.Request.Body, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw jobs.TooLarge(maxBytes);
        }

        var self = JobUrl(http.Request, id);
        return TypedResults.Accepted(self, (await ImportJobs.FindAsync(db, id, ct))!.Describe(self));
    }

    private static async Task<Ok<object>> Get(string id, HttpContext http, Data.InventoryDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await MineAsync(id, http, db, ct)).Describe(JobUrl(http.Request, id)));

    /// <summary>A job the caller posted (an admin: any job); another's is as if it did not exist.</summary>
    private static async Task<ImportJob> MineAsync(string id, HttpContext http, Data.InventoryDbContext db, CancellationToken ct)
    {
        var editor = Editor.From(http.User);
        return await ImportJobs.FindAsync(db, id, ct) is { } job && (editor.IsAdmin || job.Owner == editor.Actor)
            ? job
            : throw new RequestRefusedException(Refusal.NotFound, "Import job not found",
                $"no import job '{id}' of yours (jobs are kept {ImportJobs.Retention.TotalHours} hours)");
    }
    /// <summary>The query, checked, with the rights it needs: areas and replace mode are an admin's.</summary>
    private static ImportRequestQuery Parse(IQueryCollection query, Editor editor)
    {
        string[] known = ["layer", "crs", "mode", "dryRun", "skipInvalid", "format", "mapping", "table"];
        if (query.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw Invalid($"unknown query parameter '{unknown}': this endpoint takes {string.Join(", ", known)}");
        }

        var layer = ImportLayers.Find(query["layer"].ToString()) ?? throw Invalid($"layer is required: {ImportLayers.Names()}");
        var mode = query["mode"].ToString() is { Length: > 0 } name ? ImportModes.Parse(name) : ImportMode.Upsert;
        if (mode is null)
        {
            throw Invalid($"mode must be upsert or replace, not '{query["mode"]}'");
        }

        if (!Flag(query, "dryRun", out var dryRun) || !Flag(query, "skipInvalid", out var skipInvalid))
        {
            throw Invalid("dryRun and skipInvalid are true or false");
        }

        CoordinateSystem? crs = null;
        if (query["crs"].ToString() is { Length: > 0 } crsName)
        {
            try
            {
                crs = CoordinateSystem.Parse(crsName);
            }
            catch (ArgumentException e)
            {
                throw Invalid($"crs: {e.Message}");
            }
        }

        if (!editor.IsAdmin && (!layer.Stewarded || mode == ImportMode.Replace))
        {
            throw new RequestRefusedException(Refusal.NotYours, InvalidRequest,
                "only an admin may import areas or use mode=replace (it removes what the file lacks, whoever stewards it)");
        }

        var format = query["format"].ToString() is { Length: > 0 } formatName
            ? SourceFormats.Parse(formatName) ?? throw Invalid($"format must be one of {SourceFormats.Known}, not '{formatName}'")
            : (SourceFormat?)null;
        // A mapping by name only (built in, or kept by the bureau): a path would read the server's files.
        return new(layer, new ImportOptions(mode.Value, dryRun, skipInvalid, crs), format,
            query["mapping"].ToString() is { Length: > 0 } mapping ? mapping : null,
            query["table"].ToString() is { Length: > 0 } table ? table : null);
    }

    private sealed record ImportRequestQuery(ImportLayer Layer, ImportOptions Options, SourceFormat? Format, string? Mapping, string? Table);

    private const string InvalidRequest = "Invalid import request";

    private static RequestRefusedException Invalid(string detail) => new(Refusal.Invalid, InvalidRequest, detail);

    private static bool Flag(IQueryCollection query, string name, out bool value)
    {
        var text = query[name].ToString();
        value = text == "true";
        return text is "" or "true" or "false";
    }

    private static string JobUrl(HttpRequest request, string id) => $"{request.Root()}/imports/{id}";

    /// <summary>
    /// The upload's name: the file name of a <c>Content-Disposition</c> header when the client sent one
    /// (<c>curl -H 'Content-Disposition: attachment; filename="parcels.geojson"'</c>), else "upload".
    /// </summary>
    private static string UploadName(HttpRequest request) =>
        System.Net.Http.Headers.ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
        && Path.GetFileName(disposition.FileNameStar ?? disposition.FileName?.Trim('"')) is { Length: > 0 } name
            ? name
            : "upload";
}
