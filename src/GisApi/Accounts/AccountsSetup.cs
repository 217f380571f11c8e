using LandInventory.Data;
using LandInventory.Data.Accounts;
using LandInventory.GisApi.Errors;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LandInventory.GisApi.Accounts;

/// <summary>
/// The workspace's accounts: ASP.NET Core Identity over the inventory's own context (hashed passwords, lockout, password
/// rules), a session cookie for the pages (HttpOnly, SameSite=Strict, ended at once when an admin disables the account
/// or resets its password), antiforgery tokens for every write a session makes, and personal access tokens for scripts.
/// </summary>
public static class AccountsSetup
{
    /// <summary>The header a session's writes carry the antiforgery token in (<c>GET /workspace/antiforgery</c> gives it).</summary>
    public const string AntiforgeryHeader = "X-CSRF-Token";

    public const string SessionCookie = "LandInventory.Session";

    public static IServiceCollection AddInventoryAccounts(this IServiceCollection services)
    {
        services.AddSettings<AccountsOptions>(AccountsOptions.Section);
        services.AddIdentityCore<Account>()
            .AddEntityFrameworkStores<InventoryDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AccountClaims>()
            .AddPasswordValidator<NotTheUserName>();
        services.AddScoped<IUserConfirmation<Account>, EnabledAccounts>();
        services.AddHostedService<InitialAdmin>();
        services.AddOptions<IdentityOptions>().Configure<IOptions<AccountsOptions>>((identity, settings) =>
        {
            var accounts = settings.Value;
            identity.Password.RequiredLength = accounts.MinPasswordLength;
            identity.Password.RequiredUniqueChars = 4;
            identity.Password.RequireDigit = identity.Password.RequireLowercase = identity.Password.RequireUppercase = false;
            identity.Password.RequireNonAlphanumeric = false;
            identity.Lockout.MaxFailedAccessAttempts = accounts.MaxFailedSignIns;
            identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(accounts.LockoutMinutes);
            identity.Lockout.AllowedForNewUsers = true;
            identity.SignIn.RequireConfirmedAccount = true; // EnabledAccounts: "confirmed" means not disabled
            identity.User.RequireUniqueEmail = false;
            AccountClaims.Name(identity.ClaimsIdentity);
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IOptions<AccountsOptions>>((cookie, settings) =>
        {
            cookie.Cookie.Name = SessionCookie;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(settings.Value.SessionHours);
            cookie.SlidingExpiration = true;
            // An API: no redirects to a login page. The pages read the status and show their own sign-in form.
            cookie.Events.OnRedirectToLogin = context => Refuse(context.Response, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Refuse(context.Response, StatusCodes.Status403Forbidden);
            // Every request, not every half hour: a disabled account or a reset password ends its sessions at once.
            cookie.Events.OnValidatePrincipal = ValidateSessionAsync;
        });
        services.AddAntiforgery(options =>
        {
            options.HeaderName = AntiforgeryHeader;
            options.Cookie.Name = "LandInventory.Antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>The accounts' endpoints under <c>/workspace</c>: session, accounts (admins), personal access tokens.</summary>
    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        var workspace = app.MapGroup("/workspace").WithTags("Accounts");
        SessionEndpoints.Map(workspace);
        OpenIdConnectSignIn.Map(workspace);
        AccountEndpoints.Map(workspace);
        AccessTokenEndpoints.Map(workspace);
        return app;
    }

    /// <summary>
    /// A session's writes must carry the antiforgery token (a page of another site cannot read it, so it cannot forge the
    /// write); so must signing in. Requests with a bearer token send no cookie that another site could make them send.
    /// </summary>
    public static WebApplication UseSessionAntiforgery(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var method = context.Request.Method;
            var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
            var metadata = context.GetEndpoint()?.Metadata;
            if (!safe && metadata?.GetMetadata<AnonymousWrite>() is null
                && (AccountClaims.InSession(context.User) || metadata?.GetMetadata<SessionForm>() is not null))
            {
                var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    throw new RequestRefusedException(Refusal.NotYours, "Forbidden",
                        $"A signed-in session's write carries the antiforgery token in the {AntiforgeryHeader} header (GET /workspace/antiforgery gives it); this request has none that is valid.");
                }
            }

            await next(context);
        });
        return app;
    }

    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        // The identity provider's sessions are the provider's to end (and the cookie's lifetime); they have no local account.
        if (context.Principal is { } principal && OpenIdConnectSignIn.FromProvider(principal))
        {
            return;
        }

        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<Account>>();
        if (context.Principal is null || await signIn.ValidateSecurityStampAsync(context.Principal) is not { Disabled: false })
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    private static Task Refuse(HttpResponse response, int status)
    {
        response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = "Bearer";
        }

        return Task.CompletedTask;
    }
}

/// <summary>Marks an endpoint a browser posts to without a session yet (signing in): it needs the antiforgery token all the same.</summary>
public sealed class SessionForm;

/// <summary>
/// Marks a write anyone may make and that acts for no one (an investor's inquiry): a workspace session the browser
/// happens to carry gives it nothing to forge, so it needs no antiforgery token.
/// </summary>
public sealed class AnonymousWrite;
