using System.Net.Http.Json;
using LandInventory.GisApi.Tests.Editing;

namespace LandInventory.GisApi.Tests.Workspace;

/// <summary>
/// The workspace's inquiry inbox in Chromium (Browser/inbox.e2e.mjs): a planner sees their bureau's inquiries — who,
/// how to reach them, the search they came from — and no other bureau's, and records an answer that the database keeps.
/// </summary>
[Collection(BrowserScenario.Collection)]
public sealed class InboxPageTests(WorkspaceApi api) : IClassFixture<WorkspaceApi>
{
    [Fact]
    public async Task APlanner_SeesTheirBureausInquiriesOnly_AndAnswersOne()
    {
        var (client, password) = await api.AccountAsync("page-inbox", "planner", EditableApi.ParcelSteward);
        client.Dispose();
        var parcel = await api.Database.ScalarAsync<string>("SELECT min(code) FROM land_parcels WHERE steward_id = @s", ("s", EditableApi.ParcelSteward));
        var elsewhere = (await api.Database.ScalarAsync<string>("SELECT code || '|' || steward_id FROM industrial_carriers WHERE steward_id <> @s ORDER BY code LIMIT 1",
            ("s", EditableApi.ParcelSteward))).Split('|');
        var (carrier, other) = (elsewhere[0], elsewhere[1]);
        await api.Database.ScalarAsync<object>("""
            INSERT INTO inquiries (id, reference, layer, code, steward_id, name, contact, message, requirements, language, status, created_at, updated_at) VALUES
              (gen_random_uuid(), 'LI-INBOX001', 'parcels', @parcel, @mine, 'Zhou Jiu', 'zhou@example.com', 'Price?', 'space=land&size=30..;unit=mu', 'en', 'new', now(), now()),
              (gen_random_uuid(), 'LI-INBOX002', 'parcels', @parcel, @mine, 'Wu Shi', '+86 28 1234 5678', 'Visit?', NULL, 'zh', 'new', now() - interval '1 hour', now()),
              (gen_random_uuid(), 'LI-INBOX003', 'carriers', @carrier, @other, 'Not Yours', 'other@example.com', 'Elsewhere', NULL, 'en', 'new', now(), now())
            """, ("parcel", parcel), ("mine", EditableApi.ParcelSteward), ("carrier", carrier), ("other", other));

        var seen = await api.ScriptAsync("inbox.e2e.mjs", [], "answer", "page-inbox", password, "LI-INBOX002", "Called back on Tuesday");
        var fresh = seen.GetProperty("fresh").EnumerateArray().ToList();
        Assert.Equal(["LI-INBOX001", "LI-INBOX002"], fresh.Select(f => f.GetProperty("reference").GetString()));
        Assert.Equal("zhou@example.com", fresh[0].GetProperty("contact").GetString());
        Assert.Equal("space=land&size=30..;unit=mu", fresh[0].GetProperty("requirements").GetString());
        Assert.DoesNotContain(seen.GetProperty("all").EnumerateArray(), a => a.GetProperty("reference").GetString() == "LI-INBOX003");
        Assert.Equal("answered|Called back on Tuesday|planner:page-inbox@" + EditableApi.ParcelSteward, await api.Database.ScalarAsync<string>(
            "SELECT status::text || '|' || note || '|' || handled_by FROM inquiries WHERE reference = 'LI-INBOX002'"));
        Assert.Equal("new", await api.Database.ScalarAsync<string>("SELECT status::text FROM inquiries WHERE reference = 'LI-INBOX003'"));
    }

    [Fact]
    public async Task ASignedInPlanner_AsksAboutASite_AsAnyoneDoes_WithoutTheWorkspacesAntiforgeryToken()
    {
        // The map's "Ask" sends the browser's cookies; a workspace session gives an inquiry nothing to forge.
        var (client, _) = await api.AccountAsync("page-asker", "planner", EditableApi.ParcelSteward);
        using (client)
        {
            client.DefaultRequestHeaders.Remove("X-CSRF-Token");
            var ticket = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/sites/inquiry-form", TestContext.Current.CancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(ticket.GetProperty("minSeconds").GetInt32() + 0.2), TestContext.Current.CancellationToken);
            using var asked = await client.PostAsJsonAsync("/sites/carriers/JK-ZT-001/inquiries", new
            {
                name = "Planner Asking", contact = "asker@example.com", message = "From the map", formToken = ticket.GetProperty("formToken").GetString(),
            }, TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.Created, asked.StatusCode);
            // Its own writes still need the token.
            using var patched = await client.PatchAsJsonAsync("/workspace/inquiries/LI-NOSUCH00", new { status = "closed" }, TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, patched.StatusCode);
        }
    }
}
