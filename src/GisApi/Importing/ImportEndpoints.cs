using LandInventory.Data.Spatial;
using LandInventory.GisApi.Auth;
using LandInventory.GisApi.Editing;
using LandInventory.Import;
using Microsoft.AspNetCore.Http.Features;

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
        imports.MapPost("/", Post).WithName("PostImport")
            .WithSummary("Import a GeoJSON file into a layer, as the command-line importer does; answers 202 with the job to poll")
            .Accepts<object>("application/geo+json", "application/json", "application/geo+json-seq")
            .Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        imports.MapGet("/{id}", Get).WithName("GetImport")
            .WithSummary("An import job: state (queued, running, succeeded, invalid, failed), progress and the importer's report")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> Post(HttpContext http, ImportJobs jobs, IConfiguration configuration, CancellationToken ct)
    {
        var editor = Editor.From(http.User);
        var (request, error) = Parse(http.Request.Query, editor);
        if (request is null)
        {
            return TypedResults.Problem(error, statusCode: error!.StartsWith("only", StringComparison.Ordinal) ? 403 : 400,
                title: "Invalid import request");
        }

        var maxBytes = configuration.GetValue("Imports:MaxUploadMb", 1024) * 1024L * 1024L;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        // The upload waits in a file for its turn (it may be a gigabyte); the report names it as the client did.
        var id = Guid.NewGuid().ToString("N");
        var file = Path.Combine(Path.GetTempPath(), $"landinventory-import-{id}");
        try
        {
            await using (var target = File.Create(file))
            {
                await http.Request.Body.CopyToAsync(target, ct);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            File.Delete(file);
            return TypedResults.Problem($"an import may have at most {maxBytes / 1024 / 1024} MB (Imports:MaxUploadMb)",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large");
        }
        catch
        {
            File.Delete(file);
            throw;
        }

        var options = editor.Scope(request.Value.Options with { CollectDiff = true });
        var input = ImportInput.FromFile(file, request.Value.Layer) with { Name = UploadName(http.Request) };
        var job = new ImportJob(id, editor.Actor, input, file, options);
        jobs.Enqueue(job);
        var self = JobUrl(http.Request, id);
        return TypedResults.Accepted(self, job.Describe(self));
    }

    private static IResult Get(string id, HttpContext http, ImportJobs jobs)
    {
        var editor = Editor.From(http.User);
        if (jobs.Find(id) is not { } job || (!editor.IsAdmin && job.Owner != editor.Actor))
        {
            return TypedResults.Problem($"no import job '{id}' of yours (jobs are kept {ImportJobs.Retention.TotalHours} hours)",
                statusCode: StatusCodes.Status404NotFound, title: "Import job not found");
        }

        return TypedResults.Ok(job.Describe(JobUrl(http.Request, id)));
    }

    /// <summary>The query, checked, with the rights it needs: areas and replace mode are an admin's.</summary>
    private static ((Layer Layer, ImportOptions Options)? Request, string? Error) Parse(IQueryCollection query, Editor editor)
    {
        string[] known = ["layer", "crs", "mode", "dryRun", "skipInvalid"];
        if (query.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            return (null, $"unknown query parameter '{unknown}': this endpoint takes {string.Join(", ", known)}");
        }

        if (Layers.Parse(query["layer"].ToString()) is not { } layer)
        {
            return (null, "layer is required: areas, parcels, carriers or buildings");
        }

        var mode = query["mode"].ToString() switch
        {
            "" or "upsert" => ImportMode.Upsert,
            "replace" => ImportMode.Replace,
            var other => (ImportMode?)null,
        };
        if (mode is null)
        {
            return (null, $"mode must be upsert or replace, not '{query["mode"]}'");
        }

        if (!Flag(query, "dryRun", out var dryRun) || !Flag(query, "skipInvalid", out var skipInvalid))
        {
            return (null, "dryRun and skipInvalid are true or false");
        }

        CoordinateSystem? crs = null;
        if (query["crs"].ToString() is { Length: > 0 } name)
        {
            try
            {
                crs = CoordinateSystem.Parse(name);
            }
            catch (ArgumentException e)
            {
                return (null, $"crs: {e.Message}");
            }
        }

        if (!editor.IsAdmin && (layer == Layer.Areas || mode == ImportMode.Replace))
        {
            return (null, "only an admin may import areas or use mode=replace (it removes what the file lacks, whoever stewards it)");
        }

        return ((layer, new ImportOptions(mode.Value, dryRun, skipInvalid, crs)), null);
    }

    private static bool Flag(IQueryCollection query, string name, out bool value)
    {
        var text = query[name].ToString();
        value = text == "true";
        return text is "" or "true" or "false";
    }

    private static string JobUrl(HttpRequest request, string id) => $"{request.Scheme}://{request.Host}{request.PathBase}/imports/{id}";

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
