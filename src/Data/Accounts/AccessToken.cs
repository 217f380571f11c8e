namespace LandInventory.Data.Accounts;

/// <summary>
/// A personal access token: what a signed-in person issues for their scripts. Only its SHA-256 hash is kept (the token
/// is shown once); it is named, expires, and can be revoked. It acts as its account, and no longer than the account may.
/// </summary>
public class AccessToken
{
    public Guid Id { get; set; }

    public required string AccountId { get; set; }

    public Account? Account { get; set; }

    public required string Name { get; set; }

    /// <summary>SHA-256 of the whole token.</summary>
    public required byte[] Hash { get; set; }

    /// <summary>The token's first characters, so its owner can tell tokens apart; too short to guess the rest from.</summary>
    public required string Prefix { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
