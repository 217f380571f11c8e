using System.ComponentModel.DataAnnotations;

namespace LandInventory.GisApi.Inquiries;

/// <summary>
/// <c>Inquiries:*</c>: how long inquiries are kept, how many an address may send, how long the form must have been open
/// (bots fill it at once), and where they are delivered besides the workspace inbox: a webhook, and e-mail to each
/// bureau's address over SMTP.
/// </summary>
public sealed class InquiriesOptions : IValidatableObject
{
    public const string Section = "Inquiries";

    [Range(1, 3650, ErrorMessage = "Inquiries:RetentionDays must be from 1 to 3650.")]
    public int RetentionDays { get; set; } = 365;

    [Range(1, 1000, ErrorMessage = "Inquiries:PerHourPerAddress must be from 1 to 1000.")]
    public int PerHourPerAddress { get; set; } = 10;

    [Range(0, 600, ErrorMessage = "Inquiries:MinSecondsToFill must be from 0 to 600.")]
    public int MinSecondsToFill { get; set; } = 3;

    [Range(1, 48, ErrorMessage = "Inquiries:FormValidHours must be from 1 to 48.")]
    public int FormValidHours { get; set; } = 4;

    /// <summary>Each new inquiry is POSTed here as JSON (the bureau's own system); none when empty.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>An SMTP server for e-mail to the bureaus; none when empty.</summary>
    public string? SmtpHost { get; set; }

    [Range(1, 65535, ErrorMessage = "Inquiries:SmtpPort must be a port.")]
    public int SmtpPort { get; set; } = 25;

    public bool SmtpSsl { get; set; }

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    public string? MailFrom { get; set; }

    /// <summary>Bureau id → the address its inquiries are e-mailed to (<c>Inquiries:BureauAddresses:jk-investment-promotion</c>).</summary>
    public Dictionary<string, string> BureauAddresses { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(WebhookUrl) && (!Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var hook) || hook.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult("Inquiries:WebhookUrl must be an absolute http or https URL.");
        }

        if (!string.IsNullOrWhiteSpace(SmtpHost) && string.IsNullOrWhiteSpace(MailFrom))
        {
            yield return new ValidationResult("Inquiries:MailFrom must be set when Inquiries:SmtpHost is.");
        }
    }
}
