using System.ComponentModel.DataAnnotations;

namespace LandInventory.GisApi.Accounts;

/// <summary>
/// <c>Accounts:…</c>: the workspace's sign-in rules. After <see cref="MaxFailedSignIns"/> wrong passwords in a row an
/// account is locked for <see cref="LockoutMinutes"/>; passwords have at least <see cref="MinPasswordLength"/> characters
/// (length, not character classes, as NIST SP 800-63B advises); a session ends after <see cref="SessionHours"/> without
/// use; personal access tokens live at most <see cref="MaxAccessTokenDays"/>. <see cref="InitialAdminUserName"/> and
/// <see cref="InitialAdminPassword"/> make the first admin when there is no account (a one-time password is printed
/// when none is configured).
/// </summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>How many of one's tokens the token list shows at most, live or not (newest first).</summary>
    public const int MaxListedTokens = 200;

    [Range(1, 100, ErrorMessage = "Accounts:MaxFailedSignIns must be from 1 to 100.")]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(1, 1440, ErrorMessage = "Accounts:LockoutMinutes must be from 1 to 1440 (a day).")]
    public int LockoutMinutes { get; set; } = 15;

    [Range(8, 128, ErrorMessage = "Accounts:MinPasswordLength must be from 8 to 128.")]
    public int MinPasswordLength { get; set; } = 12;

    [Range(1, 720, ErrorMessage = "Accounts:SessionHours must be from 1 to 720.")]
    public int SessionHours { get; set; } = 8;

    [Range(1, 3650, ErrorMessage = "Accounts:MaxAccessTokenDays must be from 1 to 3650.")]
    public int MaxAccessTokenDays { get; set; } = 90;

    [Range(1, 1000, ErrorMessage = "Accounts:MaxAccessTokensPerAccount must be from 1 to 1000.")]
    public int MaxAccessTokensPerAccount { get; set; } = 20;

    [RegularExpression("^[a-zA-Z0-9._@+-]{1,64}$", ErrorMessage = "Accounts:InitialAdminUserName is 1 to 64 letters, digits or . _ @ + -.")]
    public string InitialAdminUserName { get; set; } = "admin";

    /// <summary>From the environment (<c>Accounts__InitialAdminPassword</c>), never the repository.</summary>
    public string? InitialAdminPassword { get; set; }
}
