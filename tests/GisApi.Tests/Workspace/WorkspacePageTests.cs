using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LandInventory.GisApi.Tests.Editing;

namespace LandInventory.GisApi.Tests.Workspace;

/// <summary>
/// The workspace in a real browser (Browser/workspace.e2e.mjs), served on a socket over the imported inventory: what
/// the pages show and do is checked against PostGIS. Screenshots of each page go to artifacts/workspace-*.png.
/// </summary>
[Collection(BrowserScenario.Collection)]
public sealed class WorkspacePageTests(WorkspaceApi api) : IClassFixture<WorkspaceApi>
{
    private const string Bureau = EditableApi.ParcelSteward;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<JsonElement> BrowseAsync(string scenario, params string[] arguments) => api.BrowseAsync(scenario, arguments);

    private async Task<string[]> CodesAsync(string sql, params (string, object)[] parameters) =>
        (await api.Database.ScalarAsync<string?>(sql, parameters))?.Split(',') ?? [];

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public async Task APlanner_SignsIn_SeesTheirBureausRecordsOnly_StaleOnesMarked_AndSigningOutEndsTheSession()
    {
        var (client, password) = await api.AccountAsync("page-planner", "planner", Bureau);
        client.Dispose();
        var (other, otherPassword) = await api.AccountAsync("page-other", "planner", "jk-investment-promotion");
        other.Dispose();

        var seen = await BrowseAsync("signin", "page-planner", password);
        var mine = await CodesAsync("SELECT string_agg(code, ',' ORDER BY code) FROM land_parcels WHERE steward_id = @b", ("b", Bureau));
        Assert.NotEmpty(mine);
        Assert.Equal(mine, Strings(seen.GetProperty("listed")).Order(StringComparer.Ordinal));
        var stale = await CodesAsync("""
            SELECT string_agg(code, ',' ORDER BY code) FROM land_parcels
            WHERE steward_id = @b AND (verified_on IS NULL OR verified_on < current_date - 180)
            """, ("b", Bureau));
        Assert.Equal(stale, Strings(seen.GetProperty("stale")).Order(StringComparer.Ordinal));
        Assert.Contains("Longquanyi District Planning and Natural Resources Bureau", seen.GetProperty("who").GetString(), StringComparison.Ordinal);
        Assert.Equal("signin", seen.GetProperty("afterSignOut").GetString());

        // The listed records download as a CSV of exactly them, read back by GDAL.
        using (var response = await api.Factory.CreateClient().GetAsync(seen.GetProperty("csv").GetString(), TestContext.Current.CancellationToken))
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            var file = Path.Combine(Directory.CreateTempSubdirectory("records-download-").FullName, "parcels.csv");
            await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
            Assert.Equal(mine, (await Gdal.FeaturesAsync(file)).EnumerateArray()
                .Select(f => f.GetProperty("properties").GetProperty("code").GetString()!).Order(StringComparer.Ordinal));
        }

        // Another bureau's planner sees none of these: the parcels their bureau keeps, if any.
        var theirs = await BrowseAsync("signin", "page-other", otherPassword);
        Assert.Equal(await CodesAsync("SELECT string_agg(code, ',' ORDER BY code) FROM land_parcels WHERE steward_id = 'jk-investment-promotion'"),
            Strings(theirs.GetProperty("listed")).Order(StringComparer.Ordinal));
        Assert.Empty(Strings(theirs.GetProperty("listed")).Intersect(mine));
    }

    [Fact]
    public async Task WrongPasswords_LockTheAccount_AndThePageSaysSo()
    {
        var (client, password) = await api.AccountAsync("page-locked", "planner", Bureau);
        client.Dispose();

        var seen = await BrowseAsync("lockout", "page-locked", password, "3");
        var messages = Strings(seen.GetProperty("messages"));
        Assert.Equal("The user name or the password is wrong.", messages[0]);
        Assert.Equal(messages[0], messages[1]);
        Assert.StartsWith("Too many wrong passwords", messages[2], StringComparison.Ordinal);
        Assert.StartsWith("Too many wrong passwords", seen.GetProperty("right").GetString(), StringComparison.Ordinal);
        Assert.Equal("signin", seen.GetProperty("view").GetString());
        Assert.True(await api.Database.ScalarAsync<bool>("SELECT lockout_end > now() FROM accounts WHERE user_name = 'page-locked'"));
    }

    [Fact]
    public async Task EditingAndConfirming_ChangeExactlyWhatThePageSaid_WithTheApisOwnMessages()
    {
        var (client, password) = await api.AccountAsync("page-editor", "planner", Bureau);
        using var _1 = client;
        var codes = await CodesAsync("SELECT string_agg(code, ',' ORDER BY code) FROM land_parcels WHERE steward_id = @b", ("b", Bureau));
        var (edited, confirmed) = (codes[0], codes[1]);

        var seen = await BrowseAsync("edit", "page-editor", password, edited, "Zhang Wei (page)", confirmed);
        Assert.Equal($"Saved {edited}.", seen.GetProperty("saved").GetString());
        Assert.Equal("Zhang Wei (page)", await api.Database.ScalarAsync<string>("SELECT contact_name FROM land_parcels WHERE code = @c", ("c", edited)));
        Assert.True(await api.Database.ScalarAsync<bool>("SELECT verified_on = current_date FROM land_parcels WHERE code = @c", ("c", confirmed)));
        Assert.StartsWith(DateTime.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), seen.GetProperty("verified").GetString(), StringComparison.Ordinal);

        // The refusal the page showed by the field is the API's, word for word.
        var refused = seen.GetProperty("refused");
        var field = refused.GetProperty("field").GetString()!;
        var url = Requests.Item("parcels", edited);
        using var answer = await Requests.PatchAsync(client, url, new Dictionary<string, object> { [field] = -5 }, await Requests.ETagAsync(client, url));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(problem.GetProperty("errors")[0].GetProperty("message").GetString(), refused.GetProperty("message").GetString());
    }

    [Fact]
    public async Task AConflictingEdit_ShowsWhatTheOtherPersonChanged_AndReappliesMine()
    {
        var (client, password) = await api.AccountAsync("page-first", "planner", Bureau);
        client.Dispose();
        var (second, _) = await api.AccountAsync("page-second", "planner", Bureau);
        using var _1 = second;
        var token = await WorkspaceApi.TokenAsync(second, "conflict");
        var code = (await CodesAsync("SELECT string_agg(code, ',' ORDER BY code) FROM land_parcels WHERE steward_id = @b", ("b", Bureau)))[2];

        var seen = await BrowseAsync("conflict", "page-first", password, "parcels", code, token);
        Assert.Equal(204, seen.GetProperty("other").GetInt32());
        var theirs = seen.GetProperty("theirs").EnumerateArray().ToList();
        Assert.Single(theirs);
        Assert.Equal("contactPhone", theirs[0].GetProperty("field").GetString());
        Assert.Contains("028-0000-1111", theirs[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal($"Saved {code}.", seen.GetProperty("status").GetString());
        // Both changes stand: theirs, and mine re-applied on top of it.
        Assert.Equal("Mine, from the page|028-0000-1111", await api.Database.ScalarAsync<string>(
            "SELECT contact_name || '|' || contact_phone FROM land_parcels WHERE code = @c", ("c", code)));
    }

    [Fact]
    public async Task ATokenIssuedInThePage_Works_UntilItIsRevokedThere()
    {
        var (client, password) = await api.AccountAsync("page-tokens", "planner", Bureau);
        client.Dispose();

        var seen = await BrowseAsync("tokens", "page-tokens", password);
        var token = seen.GetProperty("token").GetString()!;
        Assert.Equal(200, seen.GetProperty("before").GetInt32());
        Assert.Equal(401, seen.GetProperty("after").GetInt32());
        Assert.False(seen.GetProperty("listedSecret").GetBoolean());
        Assert.True(await api.Database.ScalarAsync<bool>(
            "SELECT revoked_at IS NOT NULL AND expires_at::date = (now() + interval '5 days')::date FROM access_tokens WHERE hash = sha256(convert_to(@t, 'UTF8'))",
            ("t", token)));
    }

    [Fact]
    public async Task AnAdmin_MakesAPlannerInThePage_WhoMustChooseAPassword_ThenSeesTheirRecords()
    {
        var seen = await BrowseAsync("accounts", WorkspaceApi.AdminName, WorkspaceApi.AdminPassword, "page-made", Bureau, "chosen-in-the-browser-1");
        Assert.Contains("choose your own", seen.GetProperty("must").GetString(), StringComparison.Ordinal);
        Assert.Equal($"{Bureau}|False|planner", await api.Database.ScalarAsync<string>(
            "SELECT steward_id || '|' || (CASE WHEN must_change_password THEN 'True' ELSE 'False' END) || '|' || role FROM accounts WHERE user_name = 'page-made'"));
        Assert.Equal(await CodesAsync("SELECT string_agg(code, ',' ORDER BY code) FROM land_parcels WHERE steward_id = @b", ("b", Bureau)),
            Strings(seen.GetProperty("listed")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ASessionsWriteWithoutTheAntiforgeryHeader_IsRefusedInTheBrowser_AndWritesNothing()
    {
        var (client, password) = await api.AccountAsync("page-forged", "planner", Bureau);
        client.Dispose();
        var code = (await CodesAsync("SELECT string_agg(code, ',' ORDER BY code) FROM land_parcels WHERE steward_id = @b", ("b", Bureau)))[3];

        var seen = await BrowseAsync("forged", "page-forged", password, "parcels", code);
        Assert.Equal(403, seen.GetProperty("status").GetInt32());
        Assert.Contains("antiforgery", seen.GetProperty("problem").GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotEqual("forged", await api.Database.ScalarAsync<string?>("SELECT contact_name FROM land_parcels WHERE code = @c", ("c", code)));
    }

    [Fact]
    public async Task TheLanguageToggle_TranslatesTheWorkspace_AndTheKeyboardReachesTheEditor()
    {
        var (client, password) = await api.AccountAsync("page-zh", "planner", Bureau);
        client.Dispose();

        var seen = await BrowseAsync("language", "page-zh", password);
        Assert.Equal(["My records", "Upload and review", "Inquiries", "Access tokens", "Change password"], Strings(seen.GetProperty("before").GetProperty("nav")));
        var after = seen.GetProperty("after");
        Assert.Equal(["我的资源", "上传与核对", "投资咨询", "访问令牌", "修改密码"], Strings(after.GetProperty("nav")));
        Assert.Equal("zh-CN", after.GetProperty("lang").GetString());
        Assert.Contains("lang=zh", after.GetProperty("hash").GetString(), StringComparison.Ordinal);
        Assert.Contains("龙泉驿区规划和自然资源局", after.GetProperty("who").GetString(), StringComparison.Ordinal);
        // The first record's status, as PostGIS has it, in the page's words for it in each language.
        var status = await api.Database.ScalarAsync<string>("SELECT status::text FROM land_parcels WHERE steward_id = @b ORDER BY code LIMIT 1", ("b", Bureau));
        var words = new Dictionary<string, (string En, string Zh)>
        {
            ["available"] = ("Available", "可供"), ["reserved"] = ("Reserved", "已预留"), ["under_negotiation"] = ("Under negotiation", "洽谈中"),
            ["transferred"] = ("Transferred", "已出让"), ["withdrawn"] = ("Withdrawn", "已撤回"),
        };
        Assert.Equal(words[status].En, seen.GetProperty("before").GetProperty("status").GetString());
        Assert.Equal(words[status].Zh, after.GetProperty("status").GetString());
        Assert.True(seen.GetProperty("focused").GetBoolean());
    }

    [Fact]
    public async Task OnAPhone_TheSignInTakesTheKeyboard_AndNothingIsWiderThanTheScreen()
    {
        var (client, password) = await api.AccountAsync("page-phone", "planner", Bureau);
        client.Dispose();

        var seen = await BrowseAsync("phone", "page-phone", password);
        Assert.Equal("userName", seen.GetProperty("first").GetString());
        Assert.InRange(seen.GetProperty("width").GetInt32(), 300, 375);
        Assert.True(seen.GetProperty("listed").GetInt32() > 0);
    }
}
