using System.Security.Cryptography;
using LandInventory.GisApi.Errors;
using Microsoft.AspNetCore.Identity;

namespace LandInventory.GisApi.Accounts;

/// <summary>Identity's verdicts in the API's words (a 422 naming the field), and the passwords the service chooses.</summary>
public static class AccountRules
{
    public static void Check(IdentityResult result, string field)
    {
        if (!result.Succeeded)
        {
            throw new RequestRefusedException(Refusal.Unprocessable, "The account change breaks a rule",
                string.Join(" ", result.Errors.Select(e => e.Description)),
                [.. result.Errors.Select(e => FieldError.Of(FieldOf(e.Code, field), e.Description))]);
        }
    }

    public static RequestRefusedException Unprocessable(string field, string message) =>
        new(Refusal.Unprocessable, "The account change breaks a rule", message, [FieldError.Of(field, message)]);

    /// <summary>
    /// A one-time password of 20 characters from an alphabet without look-alikes (no 0/O, 1/l/I), read aloud or typed
    /// from a screen once: about 113 bits.
    /// </summary>
    public static string OneTimePassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);

    private static string FieldOf(string code, string field) =>
        code.StartsWith("Password", StringComparison.Ordinal) ? "password" : code.Contains("UserName", StringComparison.Ordinal) ? "userName" : field;
}
