using System.Security.Claims;
using LandInventory.Auth;
using LandInventory.GisApi.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;
using TokenOptions = LandInventory.Auth.TokenOptions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace LandInventory.GisApi.Auth;

/// <summary>
/// Reads are anonymous; writes need the role <see cref="Roles.Planner"/> (and the bureau it speaks for, claim
/// <see cref="Roles.StewardClaim"/>) or <see cref="Roles.Admin"/>, from one of three callers: a bearer JWT from the
/// configured issuer (signed with <c>Auth:SigningKey</c> or the identity provider's <c>Auth:PublicKeyFile</c>), a
/// personal access token of an account (<c>Bearer lip_…</c>, <see cref="AccessTokenHandler"/>), or a workspace session
/// (Identity's cookie, <see cref="AccountsSetup"/>). The settings and the way JWTs are made are <c>src/Auth</c>'s, which
/// the development token command shares.
/// </summary>
public static class AuthSetup
{
    public const string EditorPolicy = "editor";
    public const string AdminPolicy = "admin";

    /// <summary>Signed in to the workspace with a local account, any role: what issuing one's own access tokens needs.</summary>
    public const string SessionPolicy = "session";

    /// <summary>The scheme that picks the caller's: a bearer token when there is one, else the session cookie.</summary>
    public const string CallerScheme = "caller";

    public static IServiceCollection AddInventoryAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<TokenOptions>(TokenOptions.Section);
        services.AddSettings<OpenIdConnectSettings>(OpenIdConnectSettings.Section);
        services.AddAuthentication(CallerScheme)
            .AddPolicyScheme(CallerScheme, "Bearer token or workspace session", scheme => scheme.ForwardDefaultSelector = context =>
                AccessTokenHandler.Carries(context.Request) ? AccessTokenHandler.SchemeName
                : context.Request.Headers.Authorization.Count > 0 ? JwtBearerDefaults.AuthenticationScheme
                : IdentityConstants.ApplicationScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, AccessTokenHandler>(AccessTokenHandler.SchemeName, null)
            .AddWorkspaceOpenIdConnect(configuration);
        services.AddAuthentication().AddIdentityCookies();
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
        // A planner speaks for one bureau: a planner token that names none may write nothing (Editor.From says why). An
        // account whose password someone else chose does nothing before it has chosen its own.
        services.AddAuthorizationBuilder()
            .AddPolicy(EditorPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Planner, Roles.Admin)
                .RequireAssertion(context => !AccountClaims.MustChangePassword(context.User)
                    && (context.User.IsInRole(Roles.Admin) || Editor.BureauOf(context.User) is not null)))
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin)
                .RequireAssertion(context => !AccountClaims.MustChangePassword(context.User)))
            .AddPolicy(SessionPolicy, policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => AccountClaims.InSession(context.User) && !AccountClaims.MustChangePassword(context.User)
                    && !OpenIdConnectSignIn.FromProvider(context.User)));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, BureaulessPlannerRefusal>();
        return services;
    }

    /// <summary>
    /// The policy's refusal says why: a planner token that names no bureau (as the write paths' own refusal does), an
    /// account that must change its password first.
    /// </summary>
    private sealed class BureaulessPlannerRefusal : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _default = new();

        public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
        {
            if (result.Forbidden && AccountClaims.MustChangePassword(context.User))
            {
                throw new Errors.RequestRefusedException(Errors.Refusal.NotYours, "Forbidden",
                    "This account's password was set by someone else: choose your own first (POST /workspace/session/password).");
            }

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
