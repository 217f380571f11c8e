using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LandInventory.Auth;

/// <summary>
/// Tokens signed with the configured <c>Auth:SigningKey</c>, for development and tests (the <c>src/DevToken</c> command,
/// <c>./run.sh token</c>). Production tokens come from the zone's identity provider with the same claims.
/// </summary>
public static class DevelopmentTokens
{
    public const string Algorithm = SecurityAlgorithms.HmacSha256;

    public static string Mint(TokenOptions options, string name, string role, string? steward, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(options);
        var claims = new List<Claim> { new(Roles.SubjectClaim, name), new(Roles.RoleClaim, role) };
        if (steward is not null)
        {
            claims.Add(new Claim(Roles.StewardClaim, steward));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.Add(lifetime),
            SigningCredentials = new SigningCredentials(options.Key, Algorithm),
        });
    }
}
