using System.ComponentModel.DataAnnotations;

namespace LandInventory.GisApi.Accounts;

/// <summary>
/// <c>Auth:OpenIdConnect:…</c>: the zone's own identity provider for the workspace's sign-in, instead of local accounts.
/// Set <see cref="Authority"/> (the issuer, whose <c>/.well-known/openid-configuration</c> the service reads),
/// <see cref="ClientId"/> and <see cref="ClientSecret"/> (from the environment). The provider's ID token names the role in
/// <see cref="RoleClaim"/> (<c>planner</c> or <c>admin</c>) and a planner's bureau in <see cref="BureauClaim"/>; a sign-in
/// without a role the API knows is refused. Local password sign-in stays off while the provider is configured unless
/// <see cref="KeepLocalAccounts"/>.
/// </summary>
public sealed class OpenIdConnectSettings : IValidatableObject
{
    public const string Section = "Auth:OpenIdConnect";

    public const string Scheme = "oidc";

    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>What the sign-in button says: "Sign in with …".</summary>
    public string DisplayName { get; set; } = "the zone's identity provider";

    public string RoleClaim { get; set; } = "role";

    public string BureauClaim { get; set; } = "steward";

    public bool KeepLocalAccounts { get; set; }

    /// <summary>Off only for a provider on a test machine: production metadata comes over HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Configured => !string.IsNullOrEmpty(Authority);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Configured && (string.IsNullOrEmpty(ClientId) || !Uri.TryCreate(Authority, UriKind.Absolute, out _)))
        {
            yield return new ValidationResult($"{Section}: Authority must be an absolute URL and ClientId is required with it.", [nameof(ClientId)]);
        }
    }
}
