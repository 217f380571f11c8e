using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace LandInventory.GisApi.Inquiries;

/// <summary>
/// The guard against bots, without an outside service: every form carries a token the service signed when it gave the
/// form out (ASP.NET Core Data Protection), which must be at least <c>MinSecondsToFill</c> and at most
/// <c>FormValidHours</c> old when it comes back, and a field hidden from people (<c>website</c>) that must stay empty.
/// </summary>
public sealed class InquiryForm(IDataProtectionProvider protection, IOptions<InquiriesOptions> options, TimeProvider clock)
{
    /// <summary>The field people do not see and bots fill.</summary>
    public const string Trap = "website";

    private readonly IDataProtector _protector = protection.CreateProtector("LandInventory.Inquiries.Form");

    public string Issue() => _protector.Protect(clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    /// <summary>Why the form is refused, or null when it came from a person who took their time.</summary>
    public string? Refusal(string? token, string? trap)
    {
        if (!string.IsNullOrEmpty(trap))
        {
            return "the form was filled in by a program (a field people cannot see has a value)";
        }

        long issued;
        try
        {
            issued = long.Parse(_protector.Unprotect(token ?? ""), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException)
        {
            return "formToken: missing or not one this service gave out (GET /sites/inquiry-form first)";
        }

        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(issued);
        return age < TimeSpan.FromSeconds(options.Value.MinSecondsToFill)
            ? $"formToken: sent {age.TotalSeconds:0.#} s after the form was given out; a person takes at least {options.Value.MinSecondsToFill} s"
            : age > TimeSpan.FromHours(options.Value.FormValidHours)
                ? $"formToken: the form is older than {options.Value.FormValidHours} hours; open it again"
                : null;
    }
}
