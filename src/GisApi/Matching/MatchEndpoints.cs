using System.Text.Json;
using LandInventory.Data;
using LandInventory.GisApi.Errors;
using LandInventory.GisApi.Http;
using LandInventory.GisApi.Ogc;
using Microsoft.EntityFrameworkCore;

namespace LandInventory.GisApi.Matching;

/// <summary>
/// Site selection: a project's requirements in, a ranked and explained shortlist out. <c>POST /match</c> takes them as
/// JSON; <c>GET /match</c> as query parameters (<see cref="MatchForm"/>), for links that can be shared; both answer the
/// same (<see cref="MatchAnswer"/>). Bad requirements are a 400 naming each field.
/// </summary>
public static class MatchEndpoints
{
    public const string Json = "application/json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapMatchEndpoints(this IEndpointRouteBuilder app)
    {
        var match = app.MapGroup("/match").WithTags("Site selection");
        match.MapPost("", Post).WithName("MatchPost")
            .WithSummary("Rank the sites that meet a project's requirements, explain each criterion, count those one requirement away")
            .Accepts<MatchRequirements>(Json)
            .Produces<MatchAnswer>(StatusCodes.Status200OK, Json).ProducesProblem(StatusCodes.Status400BadRequest);
        match.MapGet("", Get).WithName("MatchGet").AddEndpointFilter<DataVersionETag>().WithMetadata(MatchDocs.Form)
            .WithSummary("The same match with the requirements as query parameters (size=8000..12000&floorLoad=30..&near=metroStation:1000;soft)")
            .Produces<MatchAnswer>(StatusCodes.Status200OK, Json).ProducesProblem(StatusCodes.Status400BadRequest);
        app.MapGet("/match.xlsx", SpreadsheetAsync).WithName("MatchSpreadsheet").WithTags("Site selection").AddEndpointFilter<DataVersionETag>()
            .WithMetadata(MatchDocs.Form, new OpenApi.QueryParameters(new OpenApi.QueryParameter("lang", "zh or en; else the browser's language")))
            .WithSummary("The GET form's match as an XLSX workbook: the ranked sites with each requirement's figure and result, then their figures")
            .Produces(StatusCodes.Status200OK, contentType: Sites.Spreadsheet.ContentType).ProducesProblem(StatusCodes.Status400BadRequest);
        match.MapGet("/criteria", Catalogue).WithName("MatchCriteria")
            .WithSummary("The criteria a match takes: name, shape, words (zh, en), units, the spaces that take it, its values")
            .Produces<IReadOnlyList<CriterionEntry>>(StatusCodes.Status200OK, Json);
        return app;
    }

    /// <summary>A criterion as <c>GET /match/criteria</c> lists it, from which the map makes its form.</summary>
    public sealed record CriterionEntry(string Name, string Shape, Words.Bilingual Words, IReadOnlyList<UnitEntry> Units,
        IReadOnlyList<string> Spaces, IReadOnlyList<string> Values);

    public sealed record UnitEntry(string Name, Words.Bilingual Words);

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<List<CriterionEntry>> Catalogue() => TypedResults.Json(Criteria.All.Select(c => new CriterionEntry(
        c.Name, JsonNamingPolicy.CamelCase.ConvertName(c.Shape.ToString()), c.Words, c.Units.Select(u => new UnitEntry(u.Name, u.Words)).ToList(),
        MatchLayer.Spaces.Where(s => RequirementReader.For(s).Contains(c)).ToList(),
        c.Values is { } type ? EnumNames.All(type).ToList() : [])).ToList(), Options);

    /// <summary>The query a body or form asks, checked; a refusal names every wrong field.</summary>
    public static async Task<MatchQuery> ReadAsync(
        (string? Space, List<WrittenRequirement> Written, int? Limit, int? Offset) written, List<FieldError> errors,
        InventoryDbContext db, CancellationToken ct)
    {
        var areas = written.Written.Any(w => w.Criterion == "area")
            ? (await db.Areas.AsNoTracking().Select(a => a.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal)
            : [];
        return RequirementReader.Read(written.Space, written.Written, written.Limit, written.Offset, areas, errors);
    }

    private static async Task<GeoJsonResult> Post(HttpRequest request, InventoryDbContext db, CancellationToken ct)
    {
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            throw Editing.Writes.NotJson(e);
        }

        var errors = new List<FieldError>();
        return await AnswerAsync(request, await ReadAsync(MatchBody.Read(body, errors), errors, db, ct), db, ct);
    }

    private static async Task<GeoJsonResult> Get(HttpRequest request, InventoryDbContext db, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        return await AnswerAsync(request, await ReadAsync(MatchForm.Read(request.Query, errors), errors, db, ct), db, ct);
    }

    private static async Task<Sites.BytesResult> SpreadsheetAsync(HttpRequest request, InventoryDbContext db, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var written = MatchForm.Read(new QueryCollection(request.Query.Where(q => q.Key != "lang").ToDictionary(q => q.Key, q => q.Value)), errors);
        var query = await ReadAsync(written, errors, db, ct);
        var answer = await SiteMatcher.RunAsync(db, query, request.Root(), ct);
        return await MatchSpreadsheet.BuildAsync(db, query, answer, Sites.SiteEndpoints.Language(request), ct);
    }

    private static async Task<GeoJsonResult> AnswerAsync(HttpRequest request, MatchQuery query, InventoryDbContext db, CancellationToken ct)
    {
        var answer = await SiteMatcher.RunAsync(db, query, request.Root(), ct);
        return new GeoJsonResult(Json, w => JsonSerializer.Serialize(w, answer, Options));
    }
}
