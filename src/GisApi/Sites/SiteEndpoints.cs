using LandInventory.Data;
using LandInventory.GisApi.Http;
using LandInventory.GisApi.Inquiries;

namespace LandInventory.GisApi.Sites;

/// <summary>
/// A page per site for people and link previews (<c>/sites/{layer}/{code}</c>), the map image of its surroundings
/// (<c>.png</c>), and its brochure (<c>.pdf</c>); <c>?lang=zh|en</c>, else the browser's language.
/// </summary>
public static class SiteEndpoints
{
    /// <summary>The page allows its own images, inline styles and its form's own action; nothing else.</summary>
    public const string PagePolicy = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'";

    public static IEndpointRouteBuilder MapSiteEndpoints(this IEndpointRouteBuilder app)
    {
        var sites = app.MapGroup("/sites").WithTags("Site pages");
        sites.MapGet("/shortlist.xlsx", SpreadsheetAsync).WithName("ShortlistSpreadsheet").AddEndpointFilter<DataVersionETag>()
            .WithSummary($"Sites (sites=layer/code,…; at most {MaxShortlist}) as an XLSX workbook: a sheet per layer, numbers as numbers, units in the headers")
            .WithMetadata(new OpenApi.QueryParameters(new OpenApi.QueryParameter("lang", "zh or en; else the browser's language")))
            .Produces(StatusCodes.Status200OK, contentType: Spreadsheet.ContentType).ProducesProblem(StatusCodes.Status400BadRequest);
        sites.MapGet("/shortlist.pdf", ShortlistBrochureAsync).WithName("ShortlistBrochure").AddEndpointFilter<DataVersionETag>()
            .WithSummary($"A brochure of up to {ShortlistPage.MaxSites} sites: their comparison (with their fit to the search find=…, the GET form of /match), then a page each")
            .WithMetadata(new OpenApi.QueryParameters(new OpenApi.QueryParameter("lang", "zh or en; else the browser's language")))
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesProblem(StatusCodes.Status400BadRequest);
        sites.MapGet("/{layer}/{code}.png", ImageAsync).WithName("SiteImage").AddEndpointFilter<DataVersionETag>()
            .WithSummary("The map of a site and its surroundings, 1200 × 630 PNG (the pages' link-preview image)")
            .Produces(StatusCodes.Status200OK, contentType: "image/png").ProducesProblem(StatusCodes.Status404NotFound);
        sites.MapGet("/{layer}/{code}.pdf", BrochureAsync).WithName("SiteBrochure").AddEndpointFilter<DataVersionETag>()
            .WithSummary("A site's brochure: one A4 page, zh or en, fonts embedded")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesProblem(StatusCodes.Status404NotFound);
        sites.MapGet("/{layer}/{code}", PageAsync).WithName("SitePage")
            .WithSummary("A site's page: every figure, the nearest places, the bureau, a QR code, the map, the inquiry form")
            .Produces(StatusCodes.Status200OK, contentType: "text/html").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>
    /// zh or en as the URL asks, else Chinese — for documents (PNG, PDF, XLSX), whose tags and kept copies follow the URL;
    /// <paramref name="negotiate"/>: else the browser's first choice between them (the page, sent with Vary: Accept-Language).
    /// </summary>
    public static string Language(HttpRequest request, bool negotiate = false) => request.Query["lang"].ToString() switch
    {
        "zh" => "zh",
        "en" => "en",
        _ => negotiate && request.Headers.AcceptLanguage.ToString() is { Length: > 0 } accepted
             && !accepted.StartsWith("zh", StringComparison.OrdinalIgnoreCase) && accepted.Contains("en", StringComparison.OrdinalIgnoreCase) ? "en" : "zh",
    };

    private static async Task<IResult> PageAsync(string layer, string code, HttpRequest request, InventoryDbContext db, InquiryForm form, CancellationToken ct)
    {
        var site = await SiteSheet.LoadAsync(db, layer, code, ct);
        var lang = Language(request, negotiate: true);
        var requirements = request.Query["find"].ToString();
        // Only a reference's shape is echoed: a link cannot make the page announce anything else.
        var inquiry = System.Text.RegularExpressions.Regex.IsMatch(request.Query["inquiry"].ToString(), "^LI-[A-Z2-9]{8}$")
            ? request.Query["inquiry"].ToString() : null;
        request.HttpContext.Response.Headers.ContentSecurityPolicy = PagePolicy;
        // The page carries a form token of its time: a kept copy would carry an old one.
        request.HttpContext.Response.Headers.CacheControl = "no-cache, private";
        request.HttpContext.Response.Headers.Vary = "Accept-Language";
        return Results.Content(SitePage.Html(site, Links(request, layer, code), lang, form.Issue(), requirements.Length > 0 ? requirements : null, inquiry),
            "text/html; charset=utf-8");
    }

    private static async Task<BytesResult> ImageAsync(string layer, string code, HttpRequest request, InventoryDbContext db, CancellationToken ct)
    {
        var site = await SiteSheet.LoadAsync(db, layer, code, ct);
        return new BytesResult(SiteMap.Png(site, Language(request)), "image/png", null);
    }

    private static async Task<BytesResult> BrochureAsync(string layer, string code, HttpRequest request, InventoryDbContext db, CancellationToken ct)
    {
        var site = await SiteSheet.LoadAsync(db, layer, code, ct);
        var lang = Language(request);
        return new BytesResult(SiteBrochure.Pdf(site, Links(request, layer, code), lang), "application/pdf", $"{layer}-{code}-{lang}.pdf");
    }

    /// <summary>The sites of a <c>sites=layer/code,…</c> parameter, in the order given; a refusal names a malformed one.</summary>
    public static async Task<List<SiteSheet>> ShortlistAsync(InventoryDbContext db, string? sites, int max, bool drawn, CancellationToken ct)
    {
        var items = (sites ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var malformed = items.FirstOrDefault(i => i.IndexOf('/', StringComparison.Ordinal) <= 0);
        if (items.Length is 0 || items.Length > max || malformed is not null)
        {
            throw new Errors.RequestRefusedException(Errors.Refusal.Invalid, "Invalid shortlist",
                $"sites: 1 to {max} sites as layer/code, comma-separated{(malformed is null ? "" : $"; not '{malformed}'")}");
        }

        return await SiteSheet.LoadManyAsync(db, items.Distinct(StringComparer.Ordinal)
            .Select(i => (i[..i.IndexOf('/', StringComparison.Ordinal)], i[(i.IndexOf('/', StringComparison.Ordinal) + 1)..])), drawn, ct);
    }

    public const int MaxShortlist = 200;

    private static async Task<BytesResult> SpreadsheetAsync(
        [System.ComponentModel.Description("layer/code of each site, comma-separated")] string? sites, HttpRequest request, InventoryDbContext db, CancellationToken ct)
    {
        var lang = Language(request);
        var found = await ShortlistAsync(db, sites, MaxShortlist, drawn: false, ct);
        return new BytesResult(Spreadsheet.Workbook(found.GroupBy(s => s.Layer).Select(g => Spreadsheet.Sites(g.Key, g.ToList(), lang))),
            Spreadsheet.ContentType, $"shortlist-{lang}.xlsx");
    }

    private static async Task<BytesResult> ShortlistBrochureAsync(
        [System.ComponentModel.Description("layer/code of each site (at most 3), comma-separated")] string? sites,
        [System.ComponentModel.Description("the search the shortlist came from, as /match's GET form")] string? find,
        HttpRequest request, InventoryDbContext db, CancellationToken ct)
    {
        var lang = Language(request);
        var found = await ShortlistAsync(db, sites, ShortlistPage.MaxSites, drawn: true, ct);
        var fits = string.IsNullOrWhiteSpace(find) ? null : await Matching.SiteMatcher.FitsAsync(db, find, request.Root(), lang, ct);
        return new BytesResult(SiteBrochure.Shortlist(found.Select(s => (s, Links(request, s.Layer, s.Code))).ToList(), fits, find, lang),
            "application/pdf", $"shortlist-{lang}.pdf");
    }

    private static SiteLinks Links(HttpRequest request, string layer, string code) =>
        new(request.Root(), layer, code);
}

/// <summary>A made document (image, PDF, spreadsheet) whose tag follows the data versions; a file name to save it under.</summary>
public sealed class BytesResult(byte[] bytes, string contentType, string? fileName) : ICacheableResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = contentType;
        httpContext.Response.ContentLength = bytes.Length;
        if (fileName is not null)
        {
            httpContext.Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = fileName, Inline = true }.ToString();
        }

        await httpContext.Response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}
