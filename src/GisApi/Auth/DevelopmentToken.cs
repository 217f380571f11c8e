using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LandInventory.GisApi.Auth;

/// <summary>
/// <c>dotnet run --project src/GisApi -- mint-token --role planner --steward jk-investment-promotion --name alice</c>:
/// a token signed with the configured <c>Auth:SigningKey</c>, for development and tests. Production tokens come from
/// the zone's identity provider with the same claims.
/// </summary>
public static class DevelopmentToken
{
    public const string Command = "mint-token";

    public static string Mint(AuthSettings settings, string name, string role, string? steward, TimeSpan lifetime)
    {
        var claims = new List<Claim> { new("sub", name), new("role", role) };
        if (steward is not null)
        {
            claims.Add(new Claim(Editor.StewardClaim, steward));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.Add(lifetime),
            SigningCredentials = new SigningCredentials(settings.Key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>Runs the command: prints the token, or why it cannot (exit 1).</summary>
    public static int Run(string[] args, IConfiguration configuration)
    {
        string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var role = Option("--role") ?? Roles.Planner;
        var steward = Option("--steward");
        var name = Option("--name") ?? Environment.UserName;
        var hours = double.TryParse(Option("--hours"), System.Globalization.CultureInfo.InvariantCulture, out var h) ? h : 8;
        var settings = AuthSettings.From(configuration);
        var problem = !settings.Configured ? "Auth:SigningKey is not set (environment Auth__SigningKey)"
            : role is not (Roles.Planner or Roles.Admin) ? $"--role must be {Roles.Planner} or {Roles.Admin}"
            : role == Roles.Planner && string.IsNullOrEmpty(steward) ? "a planner needs --steward <bureau id>"
            : null;
        if (problem is not null)
        {
            Console.Error.WriteLine($"{Command}: {problem}");
            Console.Error.WriteLine($"usage: {Command} --role planner|admin [--steward <bureau id>] [--name <who>] [--hours 8]");
            return 1;
        }

        Console.WriteLine(Mint(settings, name, role, steward, TimeSpan.FromHours(hours)));
        return 0;
    }
}
