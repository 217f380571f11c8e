using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using LandInventory.Data;
using LandInventory.Data.Inquiries;
using LandInventory.GisApi.Auth;
using LandInventory.GisApi.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LandInventory.GisApi.Inquiries;

/// <summary>
/// "Ask about this site": anyone may send an inquiry (a form that waited, rate-limited per address); it is stored with a
/// reference number and delivered to the site's bureau — its workspace inbox, and a webhook or e-mail when configured.
/// Only that bureau (and admins) can read it, in the API and in the database (row security). Nothing of it reaches a
/// public endpoint, the history, the change feed, the logs or the metrics.
/// </summary>
public static class InquiryEndpoints
{
    public const string RateLimitPolicy = "inquiries";
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapInquiryEndpoints(this IEndpointRouteBuilder app)
    {
        var sites = app.MapGroup("/sites").WithTags("Inquiries");
        sites.MapGet("/inquiry-form", (InquiryForm form, IOptions<InquiriesOptions> options) =>
                TypedResults.Ok(new FormTicket(form.Issue(), options.Value.MinSecondsToFill, options.Value.FormValidHours * 3600)))
            .WithName("InquiryForm").WithSummary("A signed form token for an inquiry, to send back no sooner than minSeconds")
            .AddEndpointFilter(NoStore);
        sites.MapPost("/{layer}/{code}/inquiries", AskAsync).WithName("Inquire").RequireRateLimiting(RateLimitPolicy)
            .WithMetadata(new Accounts.AnonymousWrite())
            .WithSummary("Ask the site's bureau about it: answered with a reference number (JSON, or a form from the site's page)")
            .Accepts<InquiryBody>("application/json", "application/x-www-form-urlencoded")
            .Produces<InquiryReceipt>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        var inbox = app.MapGroup("/workspace/inquiries").WithTags("Inquiries").RequireAuthorization(AuthSetup.EditorPolicy)
            .AddEndpointFilter(NoStore);
        inbox.MapGet("", ListAsync).WithName("InquiryInbox")
            .WithSummary($"The bureau's inquiries (an admin's: all), newest first; status, limit ({DefaultLimit}, at most {MaxLimit}), offset");
        inbox.MapPatch("/{reference}", UpdateAsync).WithName("UpdateInquiry")
            .WithSummary("Set an inquiry's status (new, answered, closed) and the bureau's note").Accepts<InquiryChange>("application/json");
        return app;
    }

    private static async Task<IResult> AskAsync(string layer, string code, HttpRequest request, InventoryDbContext db,
        InquiryForm form, InquiryOutbox outbox, CancellationToken ct)
    {
        var (body, fromPage) = await InquiryBody.ReadAsync(request, ct);
        if (form.Refusal(body.FormToken, body.Website) is { } bot)
        {
            throw new RequestRefusedException(Refusal.Invalid, "Inquiry not accepted", bot);
        }

        var errors = body.Check();
        if (errors.Count > 0)
        {
            throw new RequestRefusedException(Refusal.Invalid, "Invalid inquiry", string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")), errors);
        }

        var site = await SiteAsync(db, layer, code, ct);
        var inquiry = new Inquiry
        {
            Id = Guid.CreateVersion7(), Reference = NewReference(), Layer = layer, Code = code, StewardId = site.StewardId,
            Name = body.Name!.Trim(), Company = Blank(body.Company), Contact = body.Contact!.Trim(), Message = body.Message!.Trim(),
            Requirements = Blank(body.Requirements), Language = body.Lang == "en" ? "en" : "zh", Status = InquiryStatus.New,
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Inquiries.Add(inquiry);
        await db.SaveChangesAsync(ct);
        outbox.Deliver(inquiry.Id);
        var bureau = await db.Stewards.AsNoTracking().Where(s => s.Id == site.StewardId).Select(s => new Bureau(s.Id, s.NameZh, s.NameEn)).SingleAsync(ct);
        return fromPage
            ? TypedResults.Redirect($"{request.PathBase}/sites/{layer}/{Uri.EscapeDataString(code)}?lang={inquiry.Language}&inquiry={inquiry.Reference}#ask")
            : TypedResults.Created($"{request.PathBase}/sites/{layer}/{Uri.EscapeDataString(code)}?lang={inquiry.Language}&inquiry={inquiry.Reference}",
                new InquiryReceipt(inquiry.Reference, "new", layer, code, bureau));
    }

    private static async Task<Ok<InquiryPage>> ListAsync(HttpContext http, InventoryDbContext db,
        [Description("new, answered or closed; all when left out")] string? status,
        [Description("Inquiries per page"), DefaultValue(DefaultLimit), Range(1, MaxLimit)] int? limit,
        [Description("Inquiries to skip"), DefaultValue(0), Range(0, int.MaxValue)] int? offset, CancellationToken ct)
    {
        var filter = status is null ? (InquiryStatus?)null : ParseStatus(status, "status");
        var (take, skip) = (limit ?? DefaultLimit, offset ?? 0);
        if (take is < 1 or > MaxLimit || skip < 0)
        {
            throw new RequestRefusedException(Refusal.Invalid, "Invalid page", $"limit is 1 to {MaxLimit}, offset at least 0");
        }

        var editor = Editor.From(http.User);
        await using var transaction = await Editing.Writes.AsEditorAsync(db, editor, ct);
        var mine = Mine(db.Inquiries.AsNoTracking(), editor).Where(i => filter == null || i.Status == filter);
        var total = await mine.CountAsync(ct);
        var page = await mine.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Reference).Skip(skip).Take(take).ToListAsync(ct);
        return TypedResults.Ok(new InquiryPage(total, page.Select(InquiryView.Of).ToList()));
    }

    private static async Task<Ok<InquiryView>> UpdateAsync(string reference, InquiryChange change, HttpContext http, InventoryDbContext db, CancellationToken ct)
    {
        var status = change.Status is null ? (InquiryStatus?)null : ParseStatus(change.Status, "status");
        if (change.Note is { Length: > InquiryConfiguration.MaxMessage })
        {
            throw new RequestRefusedException(Refusal.Invalid, "Invalid change", $"note: at most {InquiryConfiguration.MaxMessage} characters");
        }

        var editor = Editor.From(http.User);
        await using var transaction = await Editing.Writes.AsEditorAsync(db, editor, ct);
        // Another bureau's inquiry is not found rather than forbidden: its existence is the asker's business too.
        var inquiry = await Mine(db.Inquiries, editor).SingleOrDefaultAsync(i => i.Reference == reference, ct)
            ?? throw new RequestRefusedException(Refusal.NotFound, "Inquiry not found", $"no inquiry '{reference}' for this bureau");
        inquiry.Status = status ?? inquiry.Status;
        inquiry.Note = change.Note ?? inquiry.Note;
        inquiry.HandledBy = editor.Actor;
        inquiry.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(InquiryView.Of(inquiry));
    }

    private static IQueryable<Inquiry> Mine(IQueryable<Inquiry> inquiries, Editor editor) =>
        editor.IsAdmin ? inquiries : inquiries.Where(i => i.StewardId == editor.Steward);

    private sealed record Site(string StewardId);

    /// <summary>The listed record asked about and its bureau; 404 for no such layer or record.</summary>
    private static async Task<Site> SiteAsync(InventoryDbContext db, string layer, string code, CancellationToken ct)
    {
        var listed = InventoryLayers.All.FirstOrDefault(l => l.Id == layer && typeof(InventoryRecord).IsAssignableFrom(l.Schema.Entity))
            ?? throw new RequestRefusedException(Refusal.NotFound, "Site not found", $"'{layer}' is not a layer of sites (parcels, carriers, buildings)");
        // Table and key from the layer's descriptor; the code a parameter.
        var sql = $"SELECT steward_id AS \"Value\" FROM {listed.Schema.Table} WHERE {listed.Schema.Key} = @code";
        var steward = await db.Database.SqlQueryRaw<string>(sql, new NpgsqlParameter("code", code)).SingleOrDefaultAsync(ct);
        return steward is null
            ? throw new RequestRefusedException(Refusal.NotFound, "Site not found", $"the {layer} layer has no site '{code}'")
            : new Site(steward);
    }

    private static InquiryStatus ParseStatus(string text, string field) =>
        EnumNames.Parse(typeof(InquiryStatus), text) is InquiryStatus s ? s
        : throw new RequestRefusedException(Refusal.Invalid, "Invalid status", $"{field}: '{text}' is not one of new, answered, closed");

    /// <summary>LI- and eight characters without look-alikes (no 0/O, 1/I/L): 31⁸ ≈ 8.5 × 10¹¹, so guessing one is hopeless.</summary>
    private static string NewReference()
    {
        const string alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
        return "LI-" + RandomNumberGenerator.GetString(alphabet, 8);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Personal data: no cache anywhere may keep it.</summary>
    private static async ValueTask<object?> NoStore(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return await next(context);
    }
}
