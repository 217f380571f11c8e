using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace LandInventory.Auth;

/// <summary>
/// The <c>Auth</c> settings: <c>Auth:Issuer</c>, <c>Auth:Audience</c>, <c>Auth:SigningKey</c> (a shared secret of at least
/// <see cref="MinKeyBytes"/> bytes, HS256; from the environment, never the repository), <c>Auth:PublicKeyFile</c> (a PEM
/// file with the RSA or EC public key of an identity provider that signs with RS256/PS256/ES256 and their larger
/// variants: it holds no secret), and <c>Auth:MaxTokenLifetimeHours</c> (default 24): a token valid for longer is refused,
/// however it was signed. Without a key no token is valid and the service is read-only.
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

    public string? PublicKeyFile { get; set; }

    [Range(1, 8760, ErrorMessage = "Auth:MaxTokenLifetimeHours must be from 1 to 8760 (a year).")]
    public int MaxTokenLifetimeHours { get; set; } = 24;

    public TimeSpan MaxLifetime => TimeSpan.FromHours(MaxTokenLifetimeHours);

    public bool Configured => !string.IsNullOrEmpty(SigningKey);

    /// <summary>The algorithms of asymmetric keys a <see cref="PublicKeyFile"/> may verify.</summary>
    public static readonly string[] AsymmetricAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    /// <summary>The keys tokens are verified with, and the algorithms each may use; a random key nobody has when none is set.</summary>
    public (IReadOnlyList<SecurityKey> Keys, IReadOnlyList<string> Algorithms) Verification()
    {
        var keys = new List<SecurityKey>();
        var algorithms = new List<string>();
        if (Configured || string.IsNullOrEmpty(PublicKeyFile))
        {
            keys.Add(Key);
            algorithms.Add(SecurityAlgorithms.HmacSha256);
        }

        if (!string.IsNullOrEmpty(PublicKeyFile))
        {
            keys.Add(ReadPublicKey(PublicKeyFile));
            algorithms.AddRange(AsymmetricAlgorithms);
        }

        return (keys, algorithms);
    }

    /// <summary>An RSA or EC public key from PEM text.</summary>
    public static AsymmetricSecurityKey ReadPublicKey(string file)
    {
        var pem = File.ReadAllText(file);
        try
        {
            var rsa = System.Security.Cryptography.RSA.Create();
            rsa.ImportFromPem(pem);
            return new RsaSecurityKey(rsa);
        }
        catch (Exception e) when (e is ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            var ec = System.Security.Cryptography.ECDsa.Create();
            ec.ImportFromPem(pem);
            return new ECDsaSecurityKey(ec);
        }
    }

    /// <summary>The key tokens are signed with; without a configured one, a random key nobody has, so every token is refused.</summary>
    public SymmetricSecurityKey Key => _key ??= new SymmetricSecurityKey(
        Configured ? Encoding.UTF8.GetBytes(SigningKey!) : System.Security.Cryptography.RandomNumberGenerator.GetBytes(MinKeyBytes));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Configured && Encoding.UTF8.GetByteCount(SigningKey!) < MinKeyBytes)
        {
            yield return new ValidationResult($"{Section}:SigningKey must be at least {MinKeyBytes} bytes long.", [nameof(SigningKey)]);
        }

        if (!string.IsNullOrEmpty(PublicKeyFile) && PublicKeyProblem(PublicKeyFile) is { } problem)
        {
            yield return new ValidationResult($"{Section}:PublicKeyFile: {problem}", [nameof(PublicKeyFile)]);
        }
    }

    private static string? PublicKeyProblem(string file)
    {
        try
        {
            ReadPublicKey(file);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            return $"'{file}' holds no RSA or EC public key in PEM ({e.Message})";
        }
    }
}
