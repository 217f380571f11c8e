using System.Security.Claims;
using LandInventory.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace LandInventory.GisApi.Auth;

/// <summary>
/// Reads are anonymous; writes need a bearer token (JWT) from the configured issuer, signed with <c>Auth:SigningKey</c>,
/// with the role <see cref="Roles.Planner"/> (and the bureau it speaks for, claim <see cref="Roles.StewardClaim"/>) or
/// <see cref="Roles.Admin"/>. Without a signing key no token is valid, so the service is read-only. The settings and the
/// way tokens are made are <c>src/Auth</c>'s, which the development token command shares.
/// </summary>
public static class AuthSetup
{
    public const string EditorPolicy = "editor";
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddInventoryAuth(this IServiceCollection services)
    {
        services.AddSettings<TokenOptions>(TokenOptions.Section);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<TokenOptions>>((options, tokens) =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = tokens.Value.Issuer,
                ValidAudience = tokens.Value.Audience,
                // No key configured: a key nobody has, so every token is refused.
                IssuerSigningKey = tokens.Value.Key,
                RequireSignedTokens = true,
                ValidAlgorithms = [DevelopmentTokens.Algorithm],
                NameClaimType = Roles.SubjectClaim,
                RoleClaimType = Roles.RoleClaim,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(EditorPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Planner, Roles.Admin))
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        return services;
    }
}

/// <summary>Who is writing, as the write rules need it: a name for the history, the role, the bureau.</summary>
public sealed record Editor(string Name, bool IsAdmin, string? Steward)
{
    public static Editor From(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? user.FindFirstValue(Roles.SubjectClaim) ?? "unknown",
        user.IsInRole(Roles.Admin),
        user.FindFirstValue(Roles.StewardClaim));

    /// <summary>An admin edits everything; a planner the records their bureau stewards.</summary>
    public bool MayEdit(string stewardId) => IsAdmin || (Steward is not null && Steward == stewardId);

    /// <summary>An import as this editor: named in the history, and a planner's limited to their bureau's records.</summary>
    public Import.ImportOptions Scope(Import.ImportOptions options) =>
        options with { Actor = Actor, Steward = IsAdmin ? null : Steward };

    /// <summary>What the history records as who: <c>admin:alice</c>, <c>planner:bob@jk-investment-promotion</c>.</summary>
    public string Actor => IsAdmin ? $"admin:{Name}" : $"planner:{Name}@{Steward}";
}
