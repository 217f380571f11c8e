using System.Security.Claims;
using LandInventory.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
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
            var (keys, algorithms) = tokens.Value.Verification();
            var maxLifetime = tokens.Value.MaxLifetime;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = tokens.Value.Issuer,
                ValidAudience = tokens.Value.Audience,
                // No key configured: a key nobody has, so every token is refused.
                IssuerSigningKeys = keys,
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ValidAlgorithms = algorithms,
                NameClaimType = Roles.SubjectClaim,
                RoleClaimType = Roles.RoleClaim,
                ClockSkew = TimeSpan.FromSeconds(30),
                // Expired and not-yet-valid as usual, and no token valid for longer than Auth:MaxTokenLifetimeHours: a
                // leaked long-lived token is refused whoever signed it.
                LifetimeValidator = (notBefore, expires, token, parameters) =>
                    expires is { } end && end > DateTime.UtcNow - parameters.ClockSkew
                    && (notBefore ?? (token as Microsoft.IdentityModel.JsonWebTokens.JsonWebToken)?.IssuedAt) is { } start
                    && start != default && start <= DateTime.UtcNow + parameters.ClockSkew
                    && end - start <= maxLifetime,
            };
        });
        // A planner speaks for one bureau: a planner token that names none may write nothing (Editor.From says why).
        services.AddAuthorizationBuilder()
            .AddPolicy(EditorPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Planner, Roles.Admin)
                .RequireAssertion(context => context.User.IsInRole(Roles.Admin) || Editor.BureauOf(context.User) is not null))
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, BureaulessPlannerRefusal>();
        return services;
    }

    /// <summary>The policy's refusal of a planner token that names no bureau says so, as the write paths' own does.</summary>
    private sealed class BureaulessPlannerRefusal : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _default = new();

        public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
        {
            if (result.Forbidden && context.User.IsInRole(Roles.Planner))
            {
                Editor.From(context.User); // throws the refusal naming the missing claim
            }

            return _default.HandleAsync(next, context, policy, result);
        }
    }
}

/// <summary>
/// Who is writing, as the write rules need it: a name for the history, the role, the bureau. An admin writes for every
/// bureau; anyone else for the one bureau their token names (<see cref="Steward"/>), or for none.
/// </summary>
public sealed record Editor(string Name, bool IsAdmin, string? Steward)
{
    /// <summary>The writer of a request that passed the editor policy; a planner token naming no bureau is refused here too.</summary>
    public static Editor From(ClaimsPrincipal user)
    {
        var editor = new Editor(user.Identity?.Name ?? user.FindFirstValue(Roles.SubjectClaim) ?? "unknown",
            user.IsInRole(Roles.Admin), BureauOf(user));
        return editor.IsAdmin || editor.Steward is not null
            ? editor
            : throw new Errors.RequestRefusedException(Errors.Refusal.NotYours, "Forbidden",
                $"This token names no bureau (claim \"{Roles.StewardClaim}\"): a planner may change only the records of the bureau their token names.");
    }

    /// <summary>The bureau a token speaks for; none when its claim is missing or blank.</summary>
    public static string? BureauOf(ClaimsPrincipal user) =>
        user.FindFirstValue(Roles.StewardClaim) is { } steward && !string.IsNullOrWhiteSpace(steward) ? steward : null;

    /// <summary>An admin edits everything; a planner the records their bureau stewards.</summary>
    public bool MayEdit(string stewardId) => IsAdmin || (Steward is not null && Steward == stewardId);

    /// <summary>An import as this editor: named in the history; an admin's for every bureau, a planner's for theirs.</summary>
    public Import.ImportOptions Scope(Import.ImportOptions options) =>
        options with { Actor = Actor, Steward = IsAdmin ? null : Steward, EveryBureau = IsAdmin };

    /// <summary>What the history records as who: <c>admin:alice</c>, <c>planner:bob@jk-investment-promotion</c>.</summary>
    public string Actor => IsAdmin ? $"admin:{Name}" : $"planner:{Name}@{Steward}";
}
