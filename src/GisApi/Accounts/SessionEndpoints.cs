using LandInventory.Data;
using LandInventory.Data.Accounts;
using LandInventory.GisApi.Auth;
using LandInventory.GisApi.Errors;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LandInventory.GisApi.Accounts;

/// <summary>
/// Signing in and out of the workspace with a user name and password, who is signed in, and choosing one's own password.
/// A session's writes carry the antiforgery token these answers include (<see cref="AccountsSetup.AntiforgeryHeader"/>).
/// </summary>
public static class SessionEndpoints
{
    public sealed record SignIn(string? UserName, string? Password);

    public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);

    /// <summary>Who is signed in; <c>antiforgeryToken</c> goes into the header of the session's writes.</summary>
    public sealed record Session(string UserName, string Role, string? Bureau, string? BureauNameZh, string? BureauNameEn,
        bool MustChangePassword, string? AntiforgeryToken);

    public sealed record AntiforgeryToken(string Token, string HeaderName);

    public static void Map(RouteGroupBuilder workspace)
    {
        workspace.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
                TypedResults.Ok(new AntiforgeryToken(antiforgery.GetAndStoreTokens(http).RequestToken!, AccountsSetup.AntiforgeryHeader)))
            .WithName("GetAntiforgeryToken").WithSummary("An antiforgery token for this browser: signing in and every write of a session send it");
        workspace.MapGet("/session", Current).RequireAuthorization()
            .WithName("GetSession").WithSummary("Who is signed in (any caller: a session, an access token, a bearer token)");
        workspace.MapPost("/session", SignInAsync).WithMetadata(new SessionForm())
            .WithName("SignIn").WithSummary("Sign in with a user name and password: a session cookie, and the session's antiforgery token");
        workspace.MapDelete("/session", async (SignInManager<Account> signIn) =>
            {
                await signIn.SignOutAsync();
                return TypedResults.NoContent();
            }).RequireAuthorization().WithName("SignOut").WithSummary("Sign out: the session cookie is cleared");
        workspace.MapPost("/session/password", ChangePasswordAsync).RequireAuthorization()
            .WithName("ChangePassword").WithSummary("Choose a new password (the current one is needed); other sessions of the account end");
    }

    private static async Task<Ok<Session>> Current(HttpContext http, UserManager<Account> users, InventoryDbContext db, IAntiforgery antiforgery)
    {
        var user = http.User;
        var role = user.FindFirst(LandInventory.Auth.Roles.RoleClaim)?.Value ?? "";
        return TypedResults.Ok(await DescribeAsync(db, user.Identity?.Name ?? "", role, Editor.BureauOf(user), AccountClaims.MustChangePassword(user),
            AccountClaims.InSession(user) ? antiforgery.GetAndStoreTokens(http).RequestToken : null, http.RequestAborted));
    }

    private static async Task<Ok<Session>> SignInAsync(SignIn body, HttpContext http, SignInManager<Account> signIn, InventoryDbContext db,
        IAntiforgery antiforgery, Microsoft.Extensions.Options.IOptions<OpenIdConnectSettings> provider)
    {
        if (provider.Value is { Configured: true, KeepLocalAccounts: false } idp)
        {
            throw new RequestRefusedException(Refusal.NotYours, "Local accounts are off",
                $"This service signs people in through {idp.DisplayName}: GET /workspace/signin/oidc.");
        }

        if (string.IsNullOrEmpty(body.UserName) || string.IsNullOrEmpty(body.Password))
        {
            throw new RequestRefusedException(Refusal.Invalid, "Bad request", "userName and password are both required");
        }

        // An unknown name gets the answer a wrong password gets: the answer does not tell which names exist.
        var account = await signIn.UserManager.FindByNameAsync(body.UserName)
            ?? throw new RequestRefusedException(Refusal.NotSignedIn, "Not signed in", WrongPassword);
        var result = await signIn.PasswordSignInAsync(account, body.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            throw new RequestRefusedException(Refusal.NotYours, "Account locked",
                $"Too many wrong passwords: the account is locked for {signIn.Options.Lockout.DefaultLockoutTimeSpan.TotalMinutes:0} minutes from the last attempt, or until an admin resets its password.");
        }

        if (result.IsNotAllowed)
        {
            throw new RequestRefusedException(Refusal.NotYours, "Account disabled", "This account is disabled: an admin can enable it again.");
        }

        if (!result.Succeeded)
        {
            throw new RequestRefusedException(Refusal.NotSignedIn, "Not signed in", WrongPassword);
        }

        return TypedResults.Ok(await SignedInAsync(http, signIn, db, antiforgery, account, signInNow: false));
    }

    private const string WrongPassword = "The user name or the password is wrong.";

    private static async Task<Ok<Session>> ChangePasswordAsync(PasswordChange body, HttpContext http, SignInManager<Account> signIn,
        InventoryDbContext db, IAntiforgery antiforgery)
    {
        if (!AccountClaims.InSession(http.User))
        {
            throw new RequestRefusedException(Refusal.NotYours, "Forbidden", "A password is changed in a signed-in session, not with a token.");
        }

        if (string.IsNullOrEmpty(body.CurrentPassword) || string.IsNullOrEmpty(body.NewPassword))
        {
            throw new RequestRefusedException(Refusal.Invalid, "Bad request", "currentPassword and newPassword are both required");
        }

        var account = await signIn.UserManager.GetUserAsync(http.User) ?? throw new RequestRefusedException(Refusal.NotSignedIn, "Not signed in", "The account no longer exists.");
        if (body.NewPassword == body.CurrentPassword)
        {
            throw AccountRules.Unprocessable("newPassword", "The new password is the current one.");
        }

        // Cleared before the change, which saves the account once (a refused change saves nothing).
        account.MustChangePassword = false;
        AccountRules.Check(await signIn.UserManager.ChangePasswordAsync(account, body.CurrentPassword, body.NewPassword), "password");
        // The security stamp changed, which ends every session of the account: this one goes on with a new cookie.
        return TypedResults.Ok(await SignedInAsync(http, signIn, db, antiforgery, account, signInNow: true));
    }

    /// <summary>
    /// The session of <paramref name="account"/>, as this request's answer: its principal becomes the request's (the
    /// antiforgery token is bound to who is signed in, so the one the page had before is no good after), with a new
    /// cookie when <paramref name="signInNow"/>.
    /// </summary>
    private static async Task<Session> SignedInAsync(HttpContext http, SignInManager<Account> signIn, InventoryDbContext db,
        IAntiforgery antiforgery, Account account, bool signInNow)
    {
        http.User = await signIn.CreateUserPrincipalAsync(account);
        if (signInNow)
        {
            await http.SignInAsync(IdentityConstants.ApplicationScheme, http.User);
        }

        return await DescribeAsync(db, account.UserName!, account.Role, account.StewardId, account.MustChangePassword,
            antiforgery.GetAndStoreTokens(http).RequestToken, http.RequestAborted);
    }

    private static async Task<Session> DescribeAsync(InventoryDbContext db, string userName, string role, string? bureau, bool mustChange,
        string? antiforgeryToken, CancellationToken cancellationToken)
    {
        var names = bureau is null ? null : await db.Stewards.AsNoTracking().Where(s => s.Id == bureau)
            .Select(s => new { s.NameZh, s.NameEn }).SingleOrDefaultAsync(cancellationToken);
        return new Session(userName, role, bureau, names?.NameZh, names?.NameEn, mustChange, antiforgeryToken);
    }
}
