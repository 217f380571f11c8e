using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace LandInventory.Auth;

/// <summary>
/// The <c>Auth</c> settings: <c>Auth:Issuer</c>, <c>Auth:Audience</c>, <c>Auth:SigningKey</c> (at least
/// <see cref="MinKeyBytes"/> bytes; from the environment, never the repository). Without a key no token is valid and the
/// service is read-only.
/// </summary>
public sealed class TokenOptions : IValidatableObject
{
    public const string Section = "Auth";
    public const int MinKeyBytes = 32;

    private SymmetricSecurityKey? _key;

    public string Issuer { get; set; } = "landinventory";

    public string Audience { get; set; } = "landinventory-api";

    public string? SigningKey { get; set; }

    public bool Configured => !string.IsNullOrEmpty(SigningKey);

    /// <summary>The key tokens are signed with; without a configured one, a random key nobody has, so every token is refused.</summary>
    public SymmetricSecurityKey Key => _key ??= new SymmetricSecurityKey(
        Configured ? Encoding.UTF8.GetBytes(SigningKey!) : System.Security.Cryptography.RandomNumberGenerator.GetBytes(MinKeyBytes));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Configured && Encoding.UTF8.GetByteCount(SigningKey!) < MinKeyBytes)
        {
            yield return new ValidationResult($"{Section}:SigningKey must be at least {MinKeyBytes} bytes long.", [nameof(SigningKey)]);
        }

        if (string.IsNullOrWhiteSpace(Issuer) || string.IsNullOrWhiteSpace(Audience))
        {
            yield return new ValidationResult($"{Section}:Issuer and {Section}:Audience must not be empty.", [nameof(Issuer), nameof(Audience)]);
        }
    }
}
