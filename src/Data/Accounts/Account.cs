using Microsoft.AspNetCore.Identity;

namespace LandInventory.Data.Accounts;

/// <summary>
/// A person who signs in to the workspace (ASP.NET Core Identity's user: hashed password, lockout, security stamp). A
/// planner speaks for one bureau (<see cref="StewardId"/>); an admin for every bureau. The database refuses a planner
/// without a bureau and a bureau that does not exist.
/// </summary>
public class Account : IdentityUser
{
    /// <summary><c>planner</c> or <c>admin</c> (<c>LandInventory.Auth.Roles</c>).</summary>
    public required string Role { get; set; }

    public string? StewardId { get; set; }

    /// <summary>A disabled account signs in to nothing and its tokens are refused; it is kept for the history's names.</summary>
    public bool Disabled { get; set; }

    /// <summary>Set for a password someone else chose (the first admin's printed one, an admin's reset).</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
