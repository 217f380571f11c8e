using LandInventory.Auth;
using LandInventory.Data;
using LandInventory.Data.Accounts;
using LandInventory.GisApi.Auth;
using LandInventory.GisApi.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LandInventory.GisApi.Accounts;

/// <summary>
/// An admin's accounts: create planners (each bound to one bureau) and admins, disable and enable them, move them, reset
/// their passwords. The service chooses every new password, shows it once, and the account must replace it at its first
/// sign-in. Changing or disabling an account ends its sessions; its access tokens follow the account as it is now.
/// </summary>
public static class AccountEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public sealed record NewAccount(string? UserName, string? Role, string? Bureau);

    public sealed record AccountChange(string? Role, string? Bureau, bool? Disabled);

    public sealed record AccountView(string UserName, string Role, string? Bureau, bool Disabled, bool MustChangePassword,
        DateTimeOffset? LockedOutUntil, DateTimeOffset CreatedAt);

    public sealed record AccountPage(IReadOnlyList<AccountView> Accounts, int NumberMatched);

    /// <summary>An account and the password the service chose for it, shown this once.</summary>
    public sealed record IssuedPassword(AccountView Account, string OneTimePassword);

    public static void Map(RouteGroupBuilder workspace)
    {
        var accounts = workspace.MapGroup("/accounts").RequireAuthorization(AuthSetup.AdminPolicy);
        accounts.MapGet("", ListAsync).WithName("ListAccounts")
            .WithSummary($"The accounts by user name (admins only): offset, and limit (default {DefaultLimit}, at most {MaxLimit})");
        accounts.MapPost("", CreateAsync).WithName("CreateAccount")
            .WithSummary("Create a planner (bound to one bureau) or an admin; the answer carries its one-time password");
        accounts.MapGet("/{userName}", async (string userName, UserManager<Account> users) => TypedResults.Ok(View(await FindAsync(users, userName))))
            .WithName("GetAccount").WithSummary("One account");
        accounts.MapPatch("/{userName}", ChangeAsync).WithName("ChangeAccount")
            .WithSummary("Disable or enable an account, change its role or bureau; its sessions end");
        accounts.MapPost("/{userName}/password", ResetAsync).WithName("ResetAccountPassword")
            .WithSummary("A new one-time password for the account, unlocked; its sessions end");
    }

    private static async Task<Ok<AccountPage>> ListAsync(InventoryDbContext db, int? offset, int? limit, CancellationToken cancellationToken)
    {
        var skip = offset ?? 0;
        var take = limit ?? DefaultLimit;
        if (skip < 0 || take is < 1 or > MaxLimit)
        {
            throw new RequestRefusedException(Refusal.Invalid, "Bad request", $"offset is 0 or more; limit from 1 to {MaxLimit}");
        }

        var all = db.Users.AsNoTracking();
        var page = await all.OrderBy(a => a.NormalizedUserName).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return TypedResults.Ok(new AccountPage([.. page.Select(View)], await all.CountAsync(cancellationToken)));
    }

    private static async Task<Created<IssuedPassword>> CreateAsync(NewAccount body, HttpRequest request, UserManager<Account> users, InventoryDbContext db)
    {
        var (role, bureau) = await CheckRoleAsync(db, body.Role, body.Bureau, request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(body.UserName))
        {
            throw AccountRules.Unprocessable("userName", "userName is required");
        }

        if (await users.FindByNameAsync(body.UserName) is not null)
        {
            throw new RequestRefusedException(Refusal.Conflict, "The account exists", $"There is an account named '{body.UserName}' already.");
        }

        var account = new Account { UserName = body.UserName, Role = role, StewardId = bureau, MustChangePassword = true, CreatedAt = DateTimeOffset.UtcNow };
        var password = AccountRules.OneTimePassword();
        AccountRules.Check(await users.CreateAsync(account, password), "userName");
        return TypedResults.Created($"{request.PathBase}/workspace/accounts/{Uri.EscapeDataString(account.UserName!)}", new IssuedPassword(View(account), password));
    }

    private static async Task<Ok<AccountView>> ChangeAsync(string userName, AccountChange body, HttpContext http, UserManager<Account> users, InventoryDbContext db)
    {
        var account = await FindAsync(users, userName);
        // What the change does not name stays: a planner keeps their bureau unless given another; an admin names none.
        var wantedRole = body.Role ?? account.Role;
        var (role, bureau) = await CheckRoleAsync(db, wantedRole, body.Bureau ?? (wantedRole == Roles.Admin ? null : account.StewardId),
            http.RequestAborted);
        var disabled = body.Disabled ?? account.Disabled;
        if (account.Role == Roles.Admin && !account.Disabled && (disabled || role != Roles.Admin)
            && !await db.Users.AnyAsync(a => a.Id != account.Id && a.Role == Roles.Admin && !a.Disabled, http.RequestAborted))
        {
            throw new RequestRefusedException(Refusal.Conflict, "The last admin",
                $"'{userName}' is the only enabled admin: enable or create another admin first, or nobody could manage the accounts.");
        }

        (account.Role, account.StewardId, account.Disabled) = (role, bureau, disabled);
        // A new security stamp ends the account's sessions; saving it saves the change with it, in one update.
        AccountRules.Check(await users.UpdateSecurityStampAsync(account), "account");
        return TypedResults.Ok(View(account));
    }

    private static async Task<Ok<IssuedPassword>> ResetAsync(string userName, UserManager<Account> users)
    {
        var account = await FindAsync(users, userName);
        var password = AccountRules.OneTimePassword();
        // Unlocked and to be replaced: saved with the new password (and its new security stamp, which ends the sessions).
        (account.MustChangePassword, account.LockoutEnd, account.AccessFailedCount) = (true, null, 0);
        AccountRules.Check(await users.RemovePasswordAsync(account), "password");
        AccountRules.Check(await users.AddPasswordAsync(account, password), "password");
        return TypedResults.Ok(new IssuedPassword(View(account), password));
    }

    /// <summary>A role and the bureau it needs: a planner names one that exists; an admin none.</summary>
    private static async Task<(string Role, string? Bureau)> CheckRoleAsync(InventoryDbContext db, string? role, string? bureau, CancellationToken cancellationToken)
    {
        if (role is not (Roles.Planner or Roles.Admin))
        {
            throw AccountRules.Unprocessable("role", $"role is {Roles.Planner} or {Roles.Admin}");
        }

        if (role == Roles.Admin)
        {
            return bureau is null ? (role, null) : throw AccountRules.Unprocessable("bureau", "an admin acts for every bureau and names none");
        }

        if (string.IsNullOrWhiteSpace(bureau) || !await db.Stewards.AnyAsync(s => s.Id == bureau, cancellationToken))
        {
            var known = await db.Stewards.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
            throw AccountRules.Unprocessable("bureau", $"a planner is bound to one bureau: {string.Join(", ", known)}");
        }

        return (role, bureau);
    }

    private static async Task<Account> FindAsync(UserManager<Account> users, string userName) =>
        await users.FindByNameAsync(userName)
        ?? throw new RequestRefusedException(Refusal.NotFound, "Account not found", $"There is no account named '{userName}'.");

    private static AccountView View(Account a) => new(a.UserName!, a.Role, a.StewardId, a.Disabled, a.MustChangePassword,
        a.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? end : null, a.CreatedAt);
}
