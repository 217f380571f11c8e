using System.Text.Json;
using System.Text.RegularExpressions;
using LandInventory.Data.Inquiries;
using LandInventory.GisApi.Errors;

namespace LandInventory.GisApi.Inquiries;

/// <summary>What an investor sends: as JSON, or as the site page's form (which works without JavaScript).</summary>
public sealed partial record InquiryBody(
    string? Name, string? Company, string? Contact, string? Message, string? Requirements, string? Lang, string? FormToken,
    string? Website)
{
    public static async Task<(InquiryBody Body, bool FromPage)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (InvalidDataException e)
            {
                throw new RequestRefusedException(Refusal.Invalid, "Invalid inquiry", $"The form cannot be read: {e.Message}");
            }

            string? Field(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;
            return (new InquiryBody(Field("name"), Field("company"), Field("contact"), Field("message"), Field("requirements"),
                Field("lang"), Field("formToken"), Field(InquiryForm.Trap)), true);
        }

        try
        {
            return (await JsonSerializer.DeserializeAsync<InquiryBody>(request.Body, JsonSerializerOptions.Web, ct)
                ?? throw new RequestRefusedException(Refusal.Invalid, "Invalid inquiry", "The body is empty"), false);
        }
        catch (JsonException e)
        {
            throw new RequestRefusedException(Refusal.Invalid, "Invalid inquiry", $"The body is not an inquiry's JSON: {e.Message}");
        }
    }

    /// <summary>What is wrong, by field; the messages never repeat what was sent (it may be personal data bound for a log).</summary>
    public List<FieldError> Check()
    {
        var errors = new List<FieldError>();
        void Text(string field, string? value, int max, bool required)
        {
            if (required && string.IsNullOrWhiteSpace(value))
            {
                errors.Add(FieldError.Of(field, "required"));
            }
            else if (value is { } v && v.Trim().Length > max)
            {
                errors.Add(FieldError.Of(field, $"at most {max} characters"));
            }
        }

        Text("name", Name, InquiryConfiguration.MaxName, true);
        Text("company", Company, InquiryConfiguration.MaxCompany, false);
        Text("contact", Contact, InquiryConfiguration.MaxContact, true);
        Text("message", Message, InquiryConfiguration.MaxMessage, true);
        Text("requirements", Requirements, InquiryConfiguration.MaxRequirements, false);
        if (!string.IsNullOrWhiteSpace(Contact) && !Email().IsMatch(Contact.Trim()) && !Phone().IsMatch(Contact.Trim()))
        {
            errors.Add(FieldError.Of("contact", "an e-mail address or a telephone number (digits, spaces, +, -, parentheses)"));
        }

        if (Lang is not (null or "" or "zh" or "en"))
        {
            errors.Add(FieldError.Of("lang", "zh or en"));
        }

        return errors;
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{5,24}$")]
    private static partial Regex Phone();
}

public sealed record FormTicket(string FormToken, int MinSeconds, int ValidSeconds);

public sealed record Bureau(string Id, string NameZh, string NameEn);

/// <summary>What the investor is told: the reference to quote and the bureau that has it. Nothing of what they sent.</summary>
public sealed record InquiryReceipt(string Reference, string Status, string Layer, string Code, Bureau Bureau);

public sealed record InquiryChange(string? Status, string? Note);

public sealed record InquiryPage(int NumberMatched, IReadOnlyList<InquiryView> Inquiries);

/// <summary>An inquiry as its bureau sees it in the workspace.</summary>
public sealed record InquiryView(
    string Reference, string Layer, string Code, string StewardId, string Name, string? Company, string Contact, string Message,
    string? Requirements, string Language, string Status, string? Note, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string? HandledBy)
{
    public static InquiryView Of(Inquiry i) => new(i.Reference, i.Layer, i.Code, i.StewardId, i.Name, i.Company, i.Contact,
        i.Message, i.Requirements, i.Language, Data.EnumNames.Of(i.Status), i.Note, i.CreatedAt, i.UpdatedAt, i.HandledBy);
}
