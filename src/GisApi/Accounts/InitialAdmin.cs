using LandInventory.Auth;
using LandInventory.Data;
using LandInventory.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LandInventory.GisApi.Accounts;

/// <summary>
/// When the service starts and there is no account at all, it makes the first admin: <c>Accounts:InitialAdminUserName</c>
/// with <c>Accounts:InitialAdminPassword</c>, or with a one-time password it prints to the console once (never to the
/// log) and that must be replaced at the first sign-in. Once any account exists this does nothing.
/// </summary>
public sealed class InitialAdmin(IServiceScopeFactory scopes, IOptions<AccountsOptions> settings, IOptions<OpenIdConnectSettings> provider,
    ILogger<InitialAdmin> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (provider.Value is { Configured: true, KeepLocalAccounts: false })
        {
            return; // people sign in through the identity provider: no local admin to make
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
            if (await db.Users.AnyAsync(cancellationToken))
            {
                return;
            }

            var accounts = settings.Value;
            var chosen = !string.IsNullOrEmpty(accounts.InitialAdminPassword);
            var password = chosen ? accounts.InitialAdminPassword! : AccountRules.OneTimePassword();
            var admin = new Account { UserName = accounts.InitialAdminUserName, Role = Roles.Admin, MustChangePassword = !chosen, CreatedAt = DateTimeOffset.UtcNow };
            var created = await scope.ServiceProvider.GetRequiredService<UserManager<Account>>().CreateAsync(admin, password);
            if (!created.Succeeded)
            {
                // Another instance made it meanwhile (the name is unique), or the configured password breaks the rules. The
                // log names the rules, never the account (account details stay out of logs).
                logger.LogWarning("The first admin account was not made: {Errors}", string.Join(", ", created.Errors.Select(e => e.Code)));
                return;
            }

            logger.LogInformation("Made the first admin account");
            if (!chosen)
            {
                await Console.Out.WriteLineAsync(
                    $"The first admin account: user name '{admin.UserName}', one-time password '{password}'. It is shown this once; "
                    + "sign in at /workspace and choose your own.");
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or DbUpdateException)
        {
            // No database yet, or not migrated: the readiness check says so; the admin is made at the next start.
            logger.LogWarning("The first admin account could not be checked: {Message}", e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
