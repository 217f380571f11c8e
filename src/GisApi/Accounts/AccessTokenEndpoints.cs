using LandInventory.Data;
using LandInventory.Data.Accounts;
using LandInventory.GisApi.Auth;
using LandInventory.GisApi.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LandInventory.GisApi.Accounts;

/// <summary>
/// A signed-in person's personal access tokens, for their scripts: issued in a session (never with another token), named,
/// expiring within <c>Accounts:MaxAccessTokenDays</c>, listed without their secret, revoked at once.
/// </summary>
public static class AccessTokenEndpoints
{
    public const int DefaultExpiryDays = 30;

    public sealed record NewToken(string? Name, int? ExpiresInDays);

    public sealed record TokenView(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
        DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);

    /// <summary>The token itself, in this answer only: the service keeps its hash.</summary>
    public sealed record IssuedToken(TokenView Description, string Token);

    public static void Map(RouteGroupBuilder workspace)
    {
        var tokens = workspace.MapGroup("/tokens").RequireAuthorization(AuthSetup.SessionPolicy);
        tokens.MapGet("", ListAsync).WithName("ListAccessTokens")
            .WithSummary("My personal access tokens, newest first, without their secrets (revoked and expired ones too)");
        tokens.MapPost("", IssueAsync).WithName("IssueAccessToken")
            .WithSummary("Issue a personal access token (Authorization: Bearer lip_…); shown in this answer only");
        tokens.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeAccessToken").WithSummary("Revoke one of my tokens: it is refused from now on");
    }

    private static async Task<Ok<TokenView[]>> ListAsync(HttpContext http, UserManager<Account> users, InventoryDbContext db)
    {
        var accountId = users.GetUserId(http.User);
        var mine = await db.AccessTokens.AsNoTracking().Where(t => t.AccountId == accountId).OrderByDescending(t => t.CreatedAt)
            .Take(AccountsOptions.MaxListedTokens).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(mine.Select(View).ToArray());
    }

    private static async Task<Created<IssuedToken>> IssueAsync(NewToken body, HttpContext http, UserManager<Account> users, InventoryDbContext db,
        IOptions<AccountsOptions> settings)
    {
        var accounts = settings.Value;
        var days = body.ExpiresInDays ?? Math.Min(DefaultExpiryDays, accounts.MaxAccessTokenDays);
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 100)
        {
            throw AccountRules.Unprocessable("name", "a token has a name of 1 to 100 characters, saying what it is for");
        }

        if (days < 1 || days > accounts.MaxAccessTokenDays)
        {
            throw AccountRules.Unprocessable("expiresInDays", $"a token expires in 1 to {accounts.MaxAccessTokenDays} days (Accounts:MaxAccessTokenDays)");
        }

        var accountId = users.GetUserId(http.User)!;
        var now = DateTimeOffset.UtcNow;
        if (await db.AccessTokens.CountAsync(t => t.AccountId == accountId && t.RevokedAt == null && t.ExpiresAt > now, http.RequestAborted)
            >= accounts.MaxAccessTokensPerAccount)
        {
            throw new RequestRefusedException(Refusal.Conflict, "Too many tokens",
                $"This account has {accounts.MaxAccessTokensPerAccount} live tokens (Accounts:MaxAccessTokensPerAccount): revoke one first.");
        }

        var secret = AccessTokenHandler.Mint();
        var token = new AccessToken
        {
            Id = Guid.CreateVersion7(), AccountId = accountId, Name = body.Name.Trim(), Hash = AccessTokenHandler.Hash(secret),
            Prefix = secret[..(AccessTokenHandler.Prefix.Length + 6)], CreatedAt = now, ExpiresAt = now.AddDays(days),
        };
        db.AccessTokens.Add(token);
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Created($"{http.Request.PathBase}/workspace/tokens/{token.Id}", new IssuedToken(View(token), secret));
    }

    private static async Task<NoContent> RevokeAsync(Guid id, HttpContext http, UserManager<Account> users, InventoryDbContext db)
    {
        var accountId = users.GetUserId(http.User);
        var revoked = await db.AccessTokens.Where(t => t.Id == id && t.AccountId == accountId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, DateTimeOffset.UtcNow), http.RequestAborted);
        return revoked == 1 || await db.AccessTokens.AnyAsync(t => t.Id == id && t.AccountId == accountId, http.RequestAborted)
            ? TypedResults.NoContent()
            : throw new RequestRefusedException(Refusal.NotFound, "Token not found", $"You have no token {id}.");
    }

    private static TokenView View(AccessToken t) => new(t.Id, t.Name, t.Prefix + "…", t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt);
}
