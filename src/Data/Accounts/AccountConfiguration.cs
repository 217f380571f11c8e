using LandInventory.Data.Stewards;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LandInventory.Data.Accounts;

/// <summary>
/// The accounts in tables of their own names (not AspNet*), none of them in the history: who signed in is not a change of
/// the inventory, and account details never reach the public history.
/// </summary>
public static class AccountConfiguration
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<Account>(account =>
        {
            account.ToTable("accounts", t =>
            {
                t.HasCheckConstraint("ck_accounts_role", "role IN ('planner', 'admin')");
                t.HasCheckConstraint("ck_accounts_planner_bureau", "role = 'admin' OR steward_id IS NOT NULL");
            });
            account.Property(a => a.Role).HasMaxLength(16);
            account.Property(a => a.StewardId).HasMaxLength(64);
            account.HasOne<Steward>().WithMany().HasForeignKey(a => a.StewardId).OnDelete(DeleteBehavior.Restrict);
            account.Property(a => a.CreatedAt).HasDefaultValueSql("now()");
        });
        model.Entity<IdentityUserClaim<string>>().ToTable("account_claims");
        model.Entity<IdentityUserLogin<string>>().ToTable("account_logins");
        model.Entity<IdentityUserToken<string>>().ToTable("account_tokens");
        model.Entity<AccessToken>(token =>
        {
            token.ToTable("access_tokens", t => t.HasCheckConstraint("ck_access_tokens_expiry", "expires_at > created_at"));
            token.HasKey(t => t.Id);
            token.Property(t => t.Name).HasMaxLength(100);
            token.Property(t => t.Prefix).HasMaxLength(16);
            token.HasIndex(t => t.Hash).IsUnique();
            token.HasIndex(t => t.AccountId);
            token.HasOne(t => t.Account).WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
            token.Property(t => t.CreatedAt).HasDefaultValueSql("now()");
        });
    }
}
