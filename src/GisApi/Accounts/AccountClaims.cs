using System.Security.Claims;
using LandInventory.Auth;
using LandInventory.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LandInventory.GisApi.Accounts;

/// <summary>
/// An account as the rest of the API sees a caller: the same claims a bearer token carries (<c>sub</c>, <c>role</c>,
/// <c>steward</c>), so the write rules, the history's names and the rate limits treat a signed-in planner, their personal
/// access token and a token of the zone's identity provider alike.
/// </summary>
public sealed class AccountClaims(UserManager<Account> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Account>(users, options)
{
    /// <summary>Present while an account must choose its own password: it may do nothing else until then.</summary>
    public const string PasswordChangeClaim = "password_change";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaims(Claims(user.Role, user.StewardId));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(PasswordChangeClaim, "required"));
        }

        return identity;
    }

    /// <summary>A caller authenticated by a personal access token of this account.</summary>
    public static ClaimsPrincipal Principal(string scheme, string userName, string role, string? steward) =>
        new(new ClaimsIdentity([new Claim(Roles.SubjectClaim, userName), .. Claims(role, steward)], scheme, Roles.SubjectClaim, Roles.RoleClaim));

    public static bool MustChangePassword(ClaimsPrincipal user) => user.HasClaim(c => c.Type == PasswordChangeClaim);

    /// <summary>Signed in to the workspace (a session cookie), as opposed to a token.</summary>
    public static bool InSession(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: var type } && type == IdentityConstants.ApplicationScheme;

    /// <summary>The options that make Identity's principal carry the token's claim names.</summary>
    public static void Name(ClaimsIdentityOptions claims)
    {
        claims.UserNameClaimType = Roles.SubjectClaim;
        claims.RoleClaimType = Roles.RoleClaim;
    }

    private static IEnumerable<Claim> Claims(string role, string? steward) =>
        steward is null ? [new Claim(Roles.RoleClaim, role)] : [new Claim(Roles.RoleClaim, role), new Claim(Roles.StewardClaim, steward)];
}

/// <summary>A disabled account may not sign in (Identity asks this before it checks the password).</summary>
public sealed class EnabledAccounts : IUserConfirmation<Account>
{
    public Task<bool> IsConfirmedAsync(UserManager<Account> manager, Account user) => Task.FromResult(!user.Disabled);
}

/// <summary>A password that contains the account's own name is refused, whatever its length.</summary>
public sealed class NotTheUserName : IPasswordValidator<Account>
{
    public Task<IdentityResult> ValidateAsync(UserManager<Account> manager, Account user, string? password) =>
        Task.FromResult(password is not null && user.UserName is { Length: > 0 } name && password.Contains(name, StringComparison.OrdinalIgnoreCase)
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordContainsUserName", Description = "The password must not contain the user name." })
            : IdentityResult.Success);
}
