using System.Net;
using System.Net.Mail;
using LandInventory.Data.Inquiries;

namespace LandInventory.GisApi.Inquiries;

/// <summary>An inquiry as an e-mail to its bureau, over the configured SMTP server (System.Net.Mail: plain SMTP, STARTTLS).</summary>
public static class InquiryMail
{
    public static async Task SendAsync(InquiriesOptions settings, string to, Inquiry inquiry, CancellationToken ct)
    {
        using var client = new SmtpClient(settings.SmtpHost, settings.SmtpPort) { EnableSsl = settings.SmtpSsl };
        if (!string.IsNullOrEmpty(settings.SmtpUser))
        {
            client.Credentials = new NetworkCredential(settings.SmtpUser, settings.SmtpPassword);
        }

        using var message = new MailMessage(settings.MailFrom!, to)
        {
            Subject = $"[{inquiry.Reference}] 投资咨询 Inquiry: {inquiry.Layer}/{inquiry.Code}",
            SubjectEncoding = System.Text.Encoding.UTF8,
            BodyEncoding = System.Text.Encoding.UTF8,
            Body = $"""
                参考号 Reference: {inquiry.Reference}
                地块/载体 Site: {inquiry.Layer}/{inquiry.Code}
                姓名 Name: {inquiry.Name}
                公司 Company: {inquiry.Company}
                联系方式 Contact: {inquiry.Contact}
                语言 Language: {inquiry.Language}
                需求 Requirements: {inquiry.Requirements}

                {inquiry.Message}
                """,
        };
        await client.SendMailAsync(message, ct);
    }
}
