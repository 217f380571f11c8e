using System.ComponentModel.DataAnnotations;
using System.Globalization;
using LandInventory.Auth;
using Microsoft.Extensions.Configuration;

namespace LandInventory.DevToken;

/// <summary>
/// <c>./run.sh token --role planner --steward jk-investment-promotion --name alice [--hours 8]</c>: prints a token signed
/// with the configured <c>Auth:SigningKey</c> (environment <c>Auth__SigningKey</c>, which run.sh provides), or says why
/// it cannot (exit 1).
/// </summary>
public static class TokenCommand
{
    public const string Usage = "usage: token --role planner|admin [--steward <bureau id>] [--name <who>] [--hours 8]";

    public static int Run(string[] args, IConfiguration configuration, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var role = Option("--role") ?? Roles.Planner;
        var steward = Option("--steward");
        var name = Option("--name") ?? Environment.UserName;
        var hours = Option("--hours") is not { } text ? 8
            : double.TryParse(text, CultureInfo.InvariantCulture, out var given) ? given : double.NaN;
        var options = configuration.GetSection(TokenOptions.Section).Get<TokenOptions>() ?? new TokenOptions();
        var invalid = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), invalid, validateAllProperties: true);
        var problem = invalid.FirstOrDefault()?.ErrorMessage
            ?? (!options.Configured ? $"{TokenOptions.Section}:SigningKey is not set (environment {TokenOptions.Section}__SigningKey)"
                : role is not (Roles.Planner or Roles.Admin) ? $"--role must be {Roles.Planner} or {Roles.Admin}"
                : role == Roles.Planner && string.IsNullOrEmpty(steward) ? "a planner needs --steward <bureau id>"
                : !double.IsFinite(hours) || hours <= 0 ? "--hours must be a positive number"
                : hours > options.MaxTokenLifetimeHours ? $"--hours may be at most {options.MaxTokenLifetimeHours} ({TokenOptions.Section}:MaxTokenLifetimeHours): the service refuses longer-lived tokens"
                : null);
        if (problem is not null)
        {
            errors.WriteLine($"token: {problem}");
            errors.WriteLine(Usage);
            return 1;
        }

        output.WriteLine(DevelopmentTokens.Mint(options, name, role, steward, TimeSpan.FromHours(hours)));
        return 0;
    }
}
