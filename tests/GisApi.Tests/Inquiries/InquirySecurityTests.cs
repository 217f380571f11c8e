using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LandInventory.Data;
using LandInventory.GisApi.Tests.Editing;
using LandInventory.PostGis.Testing;
using Npgsql;

namespace LandInventory.GisApi.Tests.Inquiries;

/// <summary>
/// The database keeps each bureau to its own inquiries whatever the API does (row security, for the API's own role);
/// an address that sent its share is refused; a bureau with an address gets each inquiry by e-mail (a real SMTP
/// conversation with a mail server the test runs).
/// </summary>
public sealed class InquirySecurityTests(InquiryApi fixture) : IClassFixture<InquiryApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheDatabase_ShowsAndChangesOnlyTheNamedBureausInquiries_AndTakesOnlyNewOnes()
    {
        using var asked = await fixture.AskAsync("carriers", "JK-ZT-001", "Row Security", "rls@example.com", "RLS");
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        await using var connection = await RuntimeRoleConnection.OpenAsync(fixture.Api.Database, Ct);
        var total = await fixture.Api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiries");
        var theirs = await fixture.Api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiries WHERE steward_id = 'jk-auto-manufacturing'");
        Assert.True(theirs > 0 && theirs < total + 1);

        Task<long> Count(string steward, string every) =>
            RuntimeRoleConnection.AsWriterAsync<long>(connection, steward, every == "on", "SELECT count(*) FROM inquiries", Ct);

        Assert.Equal(0L, await Count("", "off"));
        Assert.Equal(theirs, await Count("jk-auto-manufacturing", "off"));
        Assert.Equal(0L, await Count("jk-operating-company-x", "off"));
        Assert.Equal(total, await Count("", "on"));

        await using (var transaction = await connection.BeginTransactionAsync(Ct))
        {
            await using var set = new NpgsqlCommand("SELECT set_config('inventory.steward', 'no-such-bureau', true)", connection, transaction);
            await set.ExecuteNonQueryAsync(Ct);
            await using var update = new NpgsqlCommand("UPDATE inquiries SET status = 'closed' WHERE steward_id = 'jk-auto-manufacturing'", connection, transaction);
            Assert.Equal(0, await update.ExecuteNonQueryAsync(Ct));
            await using var delete = new NpgsqlCommand("DELETE FROM inquiries", connection, transaction);
            Assert.Equal(0, await delete.ExecuteNonQueryAsync(Ct));
        }

        await using var answeredAlready = new NpgsqlCommand("""
            INSERT INTO inquiries (id, reference, layer, code, steward_id, name, contact, message, language, status, created_at, updated_at)
            VALUES (gen_random_uuid(), 'LI-FORGED1', 'carriers', 'JK-ZT-001', 'jk-auto-manufacturing', 'x', 'x@example.com', 'x', 'en', 'answered', now(), now())
            """, connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => answeredAlready.ExecuteNonQueryAsync(Ct));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task AnAddressThatSentItsShare_IsRefused_AndNothingMoreIsStored()
    {
        await using var factory = new ApiFactory(fixture.Api.Database.ConnectionString, ("Inquiries:MinSecondsToFill", "0"), ("Inquiries:PerHourPerAddress", "2"));
        var client = factory.CreateClient();
        var token = (await client.GetFromJsonAsync<JsonElement>("/sites/inquiry-form", Ct)).GetProperty("formToken").GetString();
        var before = await fixture.Api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiries");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsJsonAsync("/sites/carriers/JK-ZT-002/inquiries",
                new { name = "Flood", contact = "flood@example.com", message = $"#{i}", formToken = token }, Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Contains("share of this request (inquiries)", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(before + 2, await fixture.Api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiries"));
    }

    [Fact]
    public async Task ABureauWithAnAddress_GetsEachInquiryByEmail()
    {
        var port = KestrelServer.FreePort();
        using var sink = Process.Start(new ProcessStartInfo("/usr/bin/python3", [Path.Combine(RepositoryFiles.Root, "tests", "GisApi.Tests", "Inquiries", "smtp_sink.py"), $"{port}"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        try
        {
            Assert.Equal("ready", await sink.StandardOutput.ReadLineAsync(Ct));
            await using var factory = new ApiFactory(fixture.Api.Database.ConnectionString, ("Inquiries:MinSecondsToFill", "0"),
                ("Inquiries:SmtpHost", "127.0.0.1"), ("Inquiries:SmtpPort", $"{port}"), ("Inquiries:MailFrom", "inventory@example.gov.cn"),
                ("Inquiries:BureauAddresses:jk-auto-manufacturing", "auto-bureau@example.gov.cn"));
            var client = factory.CreateClient();
            var token = (await client.GetFromJsonAsync<JsonElement>("/sites/inquiry-form", Ct)).GetProperty("formToken").GetString();
            using var response = await client.PostAsJsonAsync("/sites/carriers/JK-ZT-001/inquiries",
                new { name = "赵六", company = "六合精密", contact = "zhao@example.com", message = "需要 2000 kVA", formToken = token }, Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var reference = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reference").GetString()!;

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            wait.CancelAfter(TimeSpan.FromSeconds(20));
            var mail = JsonDocument.Parse((await sink.StandardOutput.ReadLineAsync(wait.Token))!).RootElement;
            Assert.Equal("auto-bureau@example.gov.cn", Assert.Single(mail.GetProperty("to").EnumerateArray()).GetString());
            Assert.Contains(reference, mail.GetProperty("subject").GetString(), StringComparison.Ordinal);
            Assert.Contains("赵六", mail.GetProperty("body").GetString(), StringComparison.Ordinal);
            Assert.Contains("需要 2000 kVA", mail.GetProperty("body").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            sink.Kill();
        }
    }
}
