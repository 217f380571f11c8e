using System.Security.Claims;
using LandInventory.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LandInventory.GisApi.Accounts;

/// <summary>
/// The workspace's sign-in through the zone's OpenID Connect provider (<see cref="OpenIdConnectSettings"/>): the
/// authorization code flow with PKCE; the provider's ID token becomes the same session a local account has (the cookie,
/// its antiforgery token, the claims <c>sub</c>, <c>role</c>, <c>steward</c>), marked as the provider's so that it is not
/// checked against a local account. Personal access tokens are local accounts' only: scripts use the provider's tokens.
/// </summary>
public static class OpenIdConnectSignIn
{
    /// <summary>Marks a session the identity provider made (its value: the provider's issuer).</summary>
    public const string ProviderClaim = "idp";

    public static AuthenticationBuilder AddWorkspaceOpenIdConnect(this AuthenticationBuilder builder, IConfiguration configuration)
    {
        var settings = configuration.GetSection(OpenIdConnectSettings.Section).Get<OpenIdConnectSettings>() ?? new OpenIdConnectSettings();
        if (!settings.Configured)
        {
            return builder;
        }

        builder.AddOpenIdConnect(OpenIdConnectSettings.Scheme, settings.DisplayName, options =>
        {
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            options.ResponseType = "code";
            options.UsePkce = true;
            // The code comes back on a top-level GET, which carries the SameSite=Lax correlation cookies across sites
            // (a form_post would need SameSite=None).
            options.ResponseMode = "query";
            options.CorrelationCookie.SameSite = options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SaveTokens = false;
            options.MapInboundClaims = false;
            options.SignInScheme = IdentityConstants.ApplicationScheme;
            options.Scope.Clear();
            options.Scope.Add("openid");
            options.Scope.Add("profile");
            options.Events.OnTokenValidated = context =>
            {
                context.Principal = Session(context.Principal!, settings);
                return Task.CompletedTask;
            };
            options.Events.OnRemoteFailure = context =>
            {
                context.HandleResponse();
                context.Response.Redirect("/workspace#signin=failed");
                return Task.CompletedTask;
            };
        });
        return builder;
    }

    /// <summary><c>GET /workspace/signin/oidc</c>: off to the provider, back to the workspace.</summary>
    public static void Map(RouteGroupBuilder workspace) =>
        workspace.MapGet("/signin/oidc", (IOptions<OpenIdConnectSettings> settings) => settings.Value.Configured
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = "/workspace" }, [OpenIdConnectSettings.Scheme])
                : Results.Problem("No identity provider is configured (Auth:OpenIdConnect:Authority).", statusCode: StatusCodes.Status404NotFound,
                    title: "No identity provider"))
            .WithName("SignInWithIdentityProvider").WithSummary("Sign in through the zone's OpenID Connect provider, when one is configured");

    public static bool FromProvider(ClaimsPrincipal user) => user.HasClaim(c => c.Type == ProviderClaim);

    /// <summary>The provider's claims as the API's: who, role and bureau (a role the API does not know: no session).</summary>
    private static ClaimsPrincipal Session(ClaimsPrincipal external, OpenIdConnectSettings settings)
    {
        var role = external.FindFirstValue(settings.RoleClaim);
        if (role is not (Roles.Planner or Roles.Admin))
        {
            throw new AuthenticationFailureException($"the identity provider's token names no role the API knows (claim \"{settings.RoleClaim}\": planner or admin)");
        }

        var name = external.FindFirstValue("preferred_username") ?? external.FindFirstValue("sub")
            ?? throw new AuthenticationFailureException("the identity provider's token names no subject");
        List<Claim> claims = [new(Roles.SubjectClaim, name), new(Roles.RoleClaim, role), new(ProviderClaim, settings.Authority!)];
        if (external.FindFirstValue(settings.BureauClaim) is { Length: > 0 } bureau)
        {
            claims.Add(new Claim(Roles.StewardClaim, bureau));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, IdentityConstants.ApplicationScheme, Roles.SubjectClaim, Roles.RoleClaim));
    }
}
