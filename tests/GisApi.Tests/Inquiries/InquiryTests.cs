using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LandInventory.Auth;
using LandInventory.GisApi.Inquiries;
using Microsoft.Extensions.DependencyInjection;

namespace LandInventory.GisApi.Tests.Inquiries;

/// <summary>
/// "Ask about this site": the inquiry is stored with a reference, reaches the site's bureau (inbox, webhook) and only it,
/// through the API and in the database; personal data reaches no public endpoint, history, log or metric; bots and
/// floods are turned away; old inquiries are deleted.
/// </summary>
public sealed class InquiryTests(InquiryApi fixture) : IClassFixture<InquiryApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnInquiry_IsStoredWithAReference_AndReachesOnlyTheSitesBureau()
    {
        var marker = $"Reach{Guid.NewGuid():N}"[..16];
        using var asked = await fixture.AskAsync("carriers", "JK-ZT-001", marker, $"{marker}@example.com", "Is the park available in March?");
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var receipt = await asked.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var reference = receipt.GetProperty("reference").GetString()!;
        Assert.Matches("^LI-[A-HJKMNP-Z2-9]{8}$", reference);
        var bureau = await fixture.Api.Database.ScalarAsync<string>("SELECT steward_id FROM industrial_carriers WHERE code = 'JK-ZT-001'");
        Assert.Equal(bureau, receipt.GetProperty("bureau").GetProperty("id").GetString());
        Assert.DoesNotContain(marker, receipt.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(bureau, await fixture.Api.Database.ScalarAsync<string>("SELECT steward_id FROM inquiries WHERE reference = @r", ("r", reference)));

        var other = await fixture.Api.Database.ScalarAsync<string>("SELECT id FROM stewards WHERE id <> @b ORDER BY id LIMIT 1", ("b", bureau));
        Assert.Contains(marker, await InboxAsync(fixture.Client(Roles.Planner, bureau)), StringComparison.Ordinal);
        Assert.Contains(marker, await InboxAsync(fixture.Client(Roles.Admin)), StringComparison.Ordinal);
        Assert.DoesNotContain(marker, await InboxAsync(fixture.Client(Roles.Planner, other)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Client().GetAsync("/workspace/inquiries", Ct)).StatusCode);

        // Another bureau cannot even find it to change it; its own bureau answers it.
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client(Roles.Planner, other).PatchAsJsonAsync(
            $"/workspace/inquiries/{reference}", new { status = "closed" }, Ct)).StatusCode);
        using var answered = await fixture.Client(Roles.Planner, bureau).PatchAsJsonAsync($"/workspace/inquiries/{reference}",
            new { status = "answered", note = "Called back" }, Ct);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("answered|Called back|planner:tester@" + bureau, await fixture.Api.Database.ScalarAsync<string>(
            "SELECT status::text || '|' || note || '|' || handled_by FROM inquiries WHERE reference = @r", ("r", reference)));

        // The webhook had it, for that bureau.
        await WaitForAsync(() => fixture.Delivered.Any(d => d.GetProperty("reference").GetString() == reference));
        var delivered = fixture.Delivered.Single(d => d.GetProperty("reference").GetString() == reference);
        Assert.Equal(bureau, delivered.GetProperty("stewardId").GetString());
        Assert.Equal(marker, delivered.GetProperty("name").GetString());
    }

    [Fact]
    public async Task PersonalData_NeverReachesAPublicEndpoint_TheHistory_TheLogs_OrTheMetrics()
    {
        var marker = $"Private{Guid.NewGuid():N}"[..18];
        using var asked = await fixture.AskAsync("parcels", await fixture.Api.Database.ScalarAsync<string>("SELECT min(code) FROM land_parcels"),
            marker, "+86 28 8888 0000", $"Please call {marker}");
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        // A refused inquiry does not repeat what was sent either.
        using var refused = await fixture.AskAsync("parcels", "LQ04(252):2025-01", marker, $"not-a-contact-{marker}", "m");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.DoesNotContain(marker, await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var anonymous = fixture.Client();
        foreach (var url in new[]
                 {
                     "/ogc/collections/parcels/items?limit=1000", "/changes?limit=1000", "/odata/Parcels", "/search/statistics",
                     "/metrics", "/ogc/collections", "/openapi/v1.json",
                 })
        {
            using var response = await anonymous.GetAsync(url, Ct);
            Assert.DoesNotContain(marker, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Equal(0L, await fixture.Api.Database.ScalarAsync<long>(
            "SELECT count(*) FROM feature_history WHERE changes::text LIKE '%' || @m || '%' OR state::text LIKE '%' || @m || '%'", ("m", marker)));
        await WaitForAsync(() => fixture.Delivered.Any(d => d.GetProperty("name").GetString() == marker));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains(marker, StringComparison.Ordinal) || l.Contains("8888 0000", StringComparison.Ordinal));
        Assert.Contains(fixture.Logs.Lines, l => l.Contains("delivered by webhook", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheBotGuard_RefusesAFormSentAtOnce_OneWithTheTrapFilled_AndOneWithoutAToken()
    {
        var client = fixture.Client();
        var aged = await InquiryApi.FormTokenAsync(client);
        var fresh = (await client.GetFromJsonAsync<JsonElement>("/sites/inquiry-form", Ct)).GetProperty("formToken").GetString();
        var before = await fixture.Api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiries");
        foreach (var (body, says) in new (object, string)[]
                 {
                     (new { name = "Bot", contact = "bot@example.com", message = "hi", formToken = fresh }, "a person takes at least"),
                     (new { name = "Bot", contact = "bot@example.com", message = "hi", formToken = aged, website = "http://spam" }, "filled in by a program"),
                     (new { name = "Bot", contact = "bot@example.com", message = "hi" }, "formToken: missing"),
                     (new { name = "Bot", contact = "bot@example.com", message = "hi", formToken = "forged" }, "formToken: missing or not one"),
                 })
        {
            using var response = await client.PostAsJsonAsync("/sites/carriers/JK-ZT-001/inquiries", body, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(says, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Equal(before, await fixture.Api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiries"));
    }

    [Theory]
    [InlineData("carriers", "NO-SUCH-SITE")]
    [InlineData("areas", "shiling")]
    [InlineData("places", "airport-tianfu")]
    public async Task AnInquiryAboutNoSite_Is404(string layer, string code)
    {
        using var response = await fixture.AskAsync(layer, code, "Li Si", "lisi@example.com", "Hello");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TheSitePagesForm_IsAnsweredWithTheSitePageAndTheReference()
    {
        var client = fixture.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await InquiryApi.FormTokenAsync(client);
        using var response = await client.PostAsync("/sites/buildings/JK-LY-003/inquiries", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "王五", ["contact"] = "13800000000", ["message"] = "想看看这栋楼", ["lang"] = "zh", ["formToken"] = token, ["website"] = "",
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/sites/buildings/JK-LY-003?lang=zh&inquiry=LI-", location, StringComparison.Ordinal);
        var reference = location.Split("inquiry=")[1].Split('#')[0];
        Assert.Equal("buildings/JK-LY-003/zh", await fixture.Api.Database.ScalarAsync<string>(
            "SELECT layer || '/' || code || '/' || language FROM inquiries WHERE reference = @r", ("r", reference)));
    }

    [Fact]
    public async Task Retention_DeletesTheInquiriesOlderThanItsDays_AndKeepsTheRest()
    {
        await fixture.Api.Database.ScalarAsync<object>("""
            INSERT INTO inquiries (id, reference, layer, code, steward_id, name, contact, message, language, status, created_at, updated_at)
            SELECT gen_random_uuid(), 'LI-OLD' || n, 'carriers', 'JK-ZT-001', 'jk-auto-manufacturing', 'Old', 'old@example.com', 'old', 'en',
                   'new', now() - interval '400 days', now() - interval '400 days' FROM generate_series(1, 2) n
            """);
        using var kept = await fixture.AskAsync("carriers", "JK-ZT-002", "Kept", "kept@example.com", "still here");
        Assert.Equal(HttpStatusCode.Created, kept.StatusCode);
        // The service also sweeps a minute after it starts and every hour; whichever sweep came first, the old ones are gone.
        var sweep = fixture.Factory.Services.GetRequiredService<InquiryWork>();
        Assert.InRange(await sweep.SweepOnceAsync(Ct), 0, 2);
        Assert.Equal(0, await sweep.SweepOnceAsync(Ct));
        Assert.Equal(0L, await fixture.Api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiries WHERE reference LIKE 'LI-OLD%'"));
        Assert.Equal(1L, await fixture.Api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiries WHERE name = 'Kept'"));
    }

    private static async Task<string> InboxAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/workspace/inquiries?limit=200", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100, Ct);
        }

        Assert.True(condition(), "not delivered within 10 s");
    }
}
