using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace LandInventory.GisApi.Auth;

/// <summary>
/// Reads are anonymous; writes need a bearer token (JWT) from the configured issuer, signed with <c>Auth:SigningKey</c>,
/// with the role <see cref="Roles.Planner"/> (and the bureau it speaks for, claim <see cref="Editor.StewardClaim"/>) or
/// <see cref="Roles.Admin"/>. Without a signing key no token is valid, so the service is read-only.
/// </summary>
public static class AuthSetup
{
    public const string EditorPolicy = "editor";
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddInventoryAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = AuthSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.Issuer,
                ValidAudience = settings.Audience,
                IssuerSigningKey = settings.Key,
                // No key configured: a key nobody has, so every token is refused.
                RequireSignedTokens = true,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                NameClaimType = "sub",
                RoleClaimType = "role",
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(EditorPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Planner, Roles.Admin))
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        return services;
    }
}

/// <summary>The roles a token may carry.</summary>
public static class Roles
{
    public const string Planner = "planner";
    public const string Admin = "admin";
}

/// <summary><c>Auth:Issuer</c>, <c>Auth:Audience</c>, <c>Auth:SigningKey</c> (at least 32 bytes; from the environment, never the repository).</summary>
public sealed record AuthSettings(string Issuer, string Audience, SymmetricSecurityKey Key, bool Configured)
{
    public const int MinKeyBytes = 32;

    public static AuthSettings From(IConfiguration configuration)
    {
        var issuer = configuration["Auth:Issuer"] is { Length: > 0 } i ? i : "landinventory";
        var audience = configuration["Auth:Audience"] is { Length: > 0 } a ? a : "landinventory-api";
        var secret = configuration["Auth:SigningKey"];
        if (string.IsNullOrEmpty(secret))
        {
            return new AuthSettings(issuer, audience, new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(MinKeyBytes)), false);
        }

        var bytes = Encoding.UTF8.GetBytes(secret);
        return bytes.Length >= MinKeyBytes
            ? new AuthSettings(issuer, audience, new SymmetricSecurityKey(bytes), true)
            : throw new InvalidOperationException($"Auth:SigningKey must be at least {MinKeyBytes} bytes long.");
    }
}

/// <summary>Who is writing, as the write rules need it: a name for the history, the role, the bureau.</summary>
public sealed record Editor(string Name, bool IsAdmin, string? Steward)
{
    public const string StewardClaim = "steward";

    public static Editor From(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? user.FindFirstValue("sub") ?? "unknown",
        user.IsInRole(Roles.Admin),
        user.FindFirstValue(StewardClaim));

    /// <summary>An admin edits everything; a planner the records their bureau stewards.</summary>
    public bool MayEdit(string stewardId) => IsAdmin || (Steward is not null && Steward == stewardId);

    /// <summary>An import as this editor: named in the history, and a planner's limited to their bureau's records.</summary>
    public Import.ImportOptions Scope(Import.ImportOptions options) =>
        options with { Actor = Actor, Steward = IsAdmin ? null : Steward };

    /// <summary>What the history records as who: <c>admin:alice</c>, <c>planner:bob@jk-investment-promotion</c>.</summary>
    public string Actor => IsAdmin ? $"admin:{Name}" : $"planner:{Name}@{Steward}";
}
