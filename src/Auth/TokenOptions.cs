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

    private string _issuer = DefaultIssuer;
    private string _audience = DefaultAudience;

    public const string DefaultIssuer = "landinventory";
    public const string DefaultAudience = "landinventory-api";

    /// <summary>What tokens must name as their issuer; an empty setting means the default, as it always has.</summary>
    public string Issuer
    {
        get => _issuer;
        set => _issuer = string.IsNullOrWhiteSpace(value) ? DefaultIssuer : value;
    }

    public string Audience
    {
        get => _audience;
        set => _audience = string.IsNullOrWhiteSpace(value) ? DefaultAudience : value;
    }

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
    }
}
