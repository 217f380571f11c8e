using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using LandInventory.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LandInventory.GisApi.Accounts;

/// <summary>
/// Authenticates <c>Authorization: Bearer lip_…</c>, a personal access token: known by its hash, not revoked, not
/// expired, and of an account that is not disabled — checked on every request, so a revocation or a disabled account
/// takes effect at once. The caller acts as the account (its role and bureau as they are now).
/// </summary>
public sealed class AccessTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, InventoryDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AccessToken";

    /// <summary>What every personal access token begins with: how the API tells it from a JWT, and a secret scanner finds it.</summary>
    public const string Prefix = "lip_";

    /// <summary>How often a token's last use is written: once a minute at most, not on every request.</summary>
    private static readonly TimeSpan UseResolution = TimeSpan.FromMinutes(1);

    public static bool Carries(HttpRequest request) => Token(request) is not null;

    public static string Mint() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Token(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        var hash = Hash(token);
        var now = DateTimeOffset.UtcNow;
        var found = await db.AccessTokens.AsNoTracking().Where(t => t.Hash == hash)
            .Select(t => new { t.Id, t.ExpiresAt, t.RevokedAt, t.LastUsedAt, t.Account!.UserName, t.Account.Role, t.Account.StewardId, t.Account.Disabled })
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (found is null || found.RevokedAt is not null || found.ExpiresAt <= now || found.Disabled || found.UserName is null)
        {
            return AuthenticateResult.Fail("The access token is unknown, expired or revoked, or its account is disabled.");
        }

        if (found.LastUsedAt is not { } used || now - used > UseResolution)
        {
            await db.AccessTokens.Where(t => t.Id == found.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(AccountClaims.Principal(SchemeName, found.UserName, found.Role, found.StewardId), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\", error_description=\"The access token is unknown, expired or revoked\"";
        return Task.CompletedTask;
    }

    private static string? Token(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        && header[7..].Trim() is { } token && token.StartsWith(Prefix, StringComparison.Ordinal) ? token : null;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
