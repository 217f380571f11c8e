using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LandInventory.GisApi.Workspace;

/// <summary>
/// The planner's workspace: the page at <c>/workspace</c> (bundled with the map, Map/src/workspace) and what it needs to
/// know of the layers — which a bureau keeps, which fields a PATCH may change — from the layers' own descriptors, so a
/// new layer appears in the workspace without the page naming it.
/// </summary>
public static class WorkspaceEndpoints
{
    public sealed record WorkspaceLayer(string Id, bool Stewarded, IReadOnlyList<string> Patchable);

    public sealed record Bureau(string Id, string NameZh, string NameEn);

    /// <summary>The identity provider's name when people sign in through one, and whether local accounts sign in too.</summary>
    public sealed record WorkspaceConfig(int StaleAfterDays, IReadOnlyList<WorkspaceLayer> Layers, IReadOnlyList<Bureau> Bureaus,
        string? IdentityProvider, bool LocalAccounts);

    public static IServiceCollection AddWorkspace(this IServiceCollection services) =>
        services.AddSettings<WorkspaceOptions>(WorkspaceOptions.Section);

    public static WebApplication MapWorkspace(this WebApplication app, string dist)
    {
        var page = Path.Combine(dist, "workspace.html");
        app.MapGet("/workspace", () => Results.File(page, "text/html; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/workspace/config", Config).WithTags("Accounts").WithName("GetWorkspaceConfig")
            .WithSummary("What the workspace page needs: the layers a bureau keeps, the fields a PATCH may change, when a record is stale");
        return app;
    }

    private static async Task<Ok<WorkspaceConfig>> Config(IOptions<WorkspaceOptions> settings, IOptions<Accounts.OpenIdConnectSettings> provider,
        Data.InventoryDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(new WorkspaceConfig(
            settings.Value.StaleAfterDays,
            [.. InventoryLayers.All.Where(l => l.Editing.Fields.Count > 0)
                .Select(l => new WorkspaceLayer(l.Id, l.Import.Stewarded, [.. l.Editing.Fields.Keys.Order(StringComparer.Ordinal)]))],
            await db.Stewards.AsNoTracking().OrderBy(s => s.Id).Select(s => new Bureau(s.Id, s.NameZh, s.NameEn)).ToListAsync(cancellationToken),
            provider.Value.Configured ? provider.Value.DisplayName : null, !provider.Value.Configured || provider.Value.KeepLocalAccounts));
}
