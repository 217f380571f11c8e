using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LandInventory.GisApi.Tests.Editing;

namespace LandInventory.GisApi.Tests.Workspace;

/// <summary>
/// Accounts and sessions: the first admin, sign-in and lockout, an admin's planner who must choose a password before
/// writing, the bureau rule through a session, antiforgery on a session's writes, disabling ends the session.
/// </summary>
public sealed class AccountTests(WorkspaceApi api) : IClassFixture<WorkspaceApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected) => WorkspaceApi.JsonAsync(response, expected);

    [Fact]
    public async Task TheFirstAdmin_IsMadeAtStart_SignsIn_AndTheSessionSaysWho()
    {
        Assert.Equal("admin", await api.Database.ScalarAsync<string>("SELECT role FROM accounts WHERE user_name = 'admin'"));
        // Identity's hash (PBKDF2, version 3 format), never the password.
        Assert.False(await api.Database.ScalarAsync<bool>(
            "SELECT password_hash LIKE '%' || @p || '%' FROM accounts WHERE user_name = 'admin'", ("p", WorkspaceApi.AdminPassword)));

        using var admin = await api.AdminAsync();
        var session = await JsonAsync(await admin.GetAsync("/workspace/session", Ct), HttpStatusCode.OK);
        Assert.Equal("admin", session.GetProperty("userName").GetString());
        Assert.Equal("admin", session.GetProperty("role").GetString());
        Assert.False(session.GetProperty("mustChangePassword").GetBoolean());

        await JsonAsync(await admin.DeleteAsync("/workspace/session", Ct), HttpStatusCode.NoContent);
        await JsonAsync(await admin.GetAsync("/workspace/session", Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SigningIn_WithoutTheAntiforgeryToken_IsRefused()
    {
        using var client = api.Factory.CreateClient();
        var problem = await JsonAsync(await WorkspaceApi.PostSignInAsync(client, WorkspaceApi.AdminName, WorkspaceApi.AdminPassword), HttpStatusCode.Forbidden);
        Assert.Contains("antiforgery", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPasswords_LockTheAccount_AndThenTheRightOneIsRefusedToo()
    {
        var (account, password) = await api.AccountAsync("lock-me", "planner", EditableApi.ParcelSteward);
        account.Dispose();
        using var visitor = await api.VisitorAsync();
        var wrong = await JsonAsync(await WorkspaceApi.PostSignInAsync(visitor, "lock-me", "not-the-password-at-all"), HttpStatusCode.Unauthorized);
        Assert.Equal("The user name or the password is wrong.", wrong.GetProperty("detail").GetString());
        await JsonAsync(await WorkspaceApi.PostSignInAsync(visitor, "lock-me", "not-the-password-either"), HttpStatusCode.Unauthorized);
        // The third wrong one (Accounts:MaxFailedSignIns is 3 here) locks.
        var locked = await JsonAsync(await WorkspaceApi.PostSignInAsync(visitor, "lock-me", "still-not-the-password"), HttpStatusCode.Forbidden);
        Assert.Equal("Account locked", locked.GetProperty("title").GetString());
        Assert.True(await api.Database.ScalarAsync<bool>("SELECT lockout_end > now() FROM accounts WHERE user_name = 'lock-me'"));

        var right = await JsonAsync(await WorkspaceApi.PostSignInAsync(visitor, "lock-me", password), HttpStatusCode.Forbidden);
        Assert.Equal("Account locked", right.GetProperty("title").GetString());
        // An unknown user is told the same as a wrong password: the answer does not say which names exist.
        var unknown = await JsonAsync(await WorkspaceApi.PostSignInAsync(visitor, "nobody-here", "whatever-password"), HttpStatusCode.Unauthorized);
        Assert.Equal(wrong.GetProperty("detail").GetString(), unknown.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnAdminsNewPlanner_MustChooseAPassword_ThenWritesOnlyTheirBureausRecords_NamedInTheHistory()
    {
        using var admin = await api.AdminAsync();
        var issued = await JsonAsync(await admin.PostAsJsonAsync("/workspace/accounts",
            new { userName = "planner-new", role = "planner", bureau = EditableApi.ParcelSteward }, Ct), HttpStatusCode.Created);
        var oneTime = issued.GetProperty("oneTimePassword").GetString()!;
        Assert.True(issued.GetProperty("account").GetProperty("mustChangePassword").GetBoolean());

        using var planner = await api.SignInAsync("planner-new", oneTime);
        var url = Requests.Item("parcels", Requests.Parcel);
        var etag = await Requests.ETagAsync(planner, url);
        var first = await JsonAsync(await Requests.PatchAsync(planner, url, new { contactName = "Tester 1234" }, etag), HttpStatusCode.Forbidden);
        Assert.Contains("choose your own", first.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var session = await JsonAsync(await planner.PostAsJsonAsync("/workspace/session/password",
            new { currentPassword = oneTime, newPassword = "a-new-own-password-of-mine" }, Ct), HttpStatusCode.OK);
        WorkspaceApi.UseAntiforgery(planner, session);
        await JsonAsync(await Requests.PatchAsync(planner, url, new { contactName = "Tester 1234" }, etag), HttpStatusCode.NoContent);
        Assert.Equal($"planner:planner-new@{EditableApi.ParcelSteward}", await api.Database.ScalarAsync<string>(
            "SELECT actor FROM feature_history WHERE code = @c ORDER BY id DESC LIMIT 1", ("c", Requests.Parcel)));

        // A carrier of another bureau: refused through the session as through a token.
        var other = await api.Database.ScalarAsync<string>($"SELECT code FROM industrial_carriers WHERE steward_id <> '{EditableApi.ParcelSteward}' LIMIT 1");
        var carrier = Requests.Item("carriers", other);
        await JsonAsync(await Requests.PatchAsync(planner, carrier, new { rentYuanPerSqmMonth = 1 }, await Requests.ETagAsync(planner, carrier)),
            HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ASessionsWrite_WithoutTheAntiforgeryToken_IsRefused_AndWritesNothing()
    {
        var (planner, _) = await api.AccountAsync("planner-csrf", "planner", EditableApi.ParcelSteward);
        using var _1 = planner;
        var url = Requests.Item("parcels", Requests.Parcel);
        var etag = await Requests.ETagAsync(planner, url);
        var before = await api.Database.ScalarAsync<long>("SELECT count(*) FROM feature_history");
        planner.DefaultRequestHeaders.Remove("X-CSRF-Token");

        var problem = await JsonAsync(await Requests.PatchAsync(planner, url, new { contactName = "Tester 4321" }, etag), HttpStatusCode.Forbidden);
        Assert.Contains("antiforgery", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        planner.DefaultRequestHeaders.Add("X-CSRF-Token", "forged");
        await JsonAsync(await Requests.PatchAsync(planner, url, new { contactName = "Tester 4321" }, etag), HttpStatusCode.Forbidden);
        Assert.Equal(before, await api.Database.ScalarAsync<long>("SELECT count(*) FROM feature_history"));
    }

    [Fact]
    public async Task DisablingAnAccount_EndsItsSession_AndItCannotSignIn()
    {
        var (planner, password) = await api.AccountAsync("planner-gone", "planner", EditableApi.ParcelSteward);
        using var _1 = planner;
        await JsonAsync(await planner.GetAsync("/workspace/session", Ct), HttpStatusCode.OK);
        using var admin = await api.AdminAsync();
        var changed = await JsonAsync(await admin.PatchAsJsonAsync("/workspace/accounts/planner-gone", new { disabled = true }, Ct), HttpStatusCode.OK);
        Assert.True(changed.GetProperty("disabled").GetBoolean());

        await JsonAsync(await planner.GetAsync("/workspace/session", Ct), HttpStatusCode.Unauthorized);
        using var visitor = await api.VisitorAsync();
        var refused = await JsonAsync(await WorkspaceApi.PostSignInAsync(visitor, "planner-gone", password), HttpStatusCode.Forbidden);
        Assert.Equal("Account disabled", refused.GetProperty("title").GetString());
    }

    [Fact]
    public async Task AccountRules_AreRefusedWithTheField_InTheApiAndInTheDatabase()
    {
        using var admin = await api.AdminAsync();
        var bureauless = await JsonAsync(await admin.PostAsJsonAsync("/workspace/accounts", new { userName = "p-nobureau", role = "planner" }, Ct),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal("bureau", bureauless.GetProperty("errors")[0].GetProperty("field").GetString());
        var role = await JsonAsync(await admin.PostAsJsonAsync("/workspace/accounts", new { userName = "p-root", role = "root" }, Ct),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal("role", role.GetProperty("errors")[0].GetProperty("field").GetString());
        await JsonAsync(await admin.PostAsJsonAsync("/workspace/accounts", new { userName = WorkspaceApi.AdminName, role = "admin" }, Ct), HttpStatusCode.Conflict);

        // A change that names only the role keeps a planner's bureau; a move names the new one.
        var (mover, _) = await api.AccountAsync("planner-mover", "planner", EditableApi.ParcelSteward);
        mover.Dispose();
        var same = await JsonAsync(await admin.PatchAsJsonAsync("/workspace/accounts/planner-mover", new { role = "planner" }, Ct), HttpStatusCode.OK);
        Assert.Equal(EditableApi.ParcelSteward, same.GetProperty("bureau").GetString());
        var moved = await JsonAsync(await admin.PatchAsJsonAsync("/workspace/accounts/planner-mover", new { bureau = "jk-investment-promotion" }, Ct), HttpStatusCode.OK);
        Assert.Equal("jk-investment-promotion", await api.Database.ScalarAsync<string>("SELECT steward_id FROM accounts WHERE user_name = 'planner-mover'"));
        Assert.Equal("jk-investment-promotion", moved.GetProperty("bureau").GetString());

        // The admin is the only one: they cannot disable themself.
        var last = await JsonAsync(await admin.PatchAsJsonAsync($"/workspace/accounts/{WorkspaceApi.AdminName}", new { disabled = true }, Ct), HttpStatusCode.Conflict);
        Assert.Equal("The last admin", last.GetProperty("title").GetString());

        // A short password and one holding the user name.
        var (planner, password) = await api.AccountAsync("planner-rules", "planner", EditableApi.ParcelSteward);
        using var _1 = planner;
        var shortOne = await JsonAsync(await planner.PostAsJsonAsync("/workspace/session/password", new { currentPassword = password, newPassword = "short" }, Ct),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal("password", shortOne.GetProperty("errors")[0].GetProperty("field").GetString());
        await JsonAsync(await planner.PostAsJsonAsync("/workspace/session/password",
            new { currentPassword = password, newPassword = "my-planner-rules-password" }, Ct), HttpStatusCode.UnprocessableEntity);

        // The database refuses a planner without a bureau, and a bureau that does not exist, whoever writes the row.
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => api.Database.ScalarAsync<int>(
            "INSERT INTO accounts (id, role, disabled, must_change_password, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count) "
            + "VALUES ('x1', 'planner', false, false, false, false, false, true, 0) RETURNING 1"));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => api.Database.ScalarAsync<int>(
            "INSERT INTO accounts (id, role, steward_id, disabled, must_change_password, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count) "
            + "VALUES ('x2', 'planner', 'no-such-bureau', false, false, false, false, false, true, 0) RETURNING 1"));
    }

    [Fact]
    public async Task OnlyAdmins_SeeOrManageAccounts()
    {
        using var anonymous = api.Factory.CreateClient();
        await JsonAsync(await anonymous.GetAsync("/workspace/accounts", Ct), HttpStatusCode.Unauthorized);
        var (planner, _) = await api.AccountAsync("planner-nosy", "planner", EditableApi.ParcelSteward);
        using var _1 = planner;
        await JsonAsync(await planner.GetAsync("/workspace/accounts", Ct), HttpStatusCode.Forbidden);
        await JsonAsync(await planner.PostAsJsonAsync("/workspace/accounts/admin/password", new { }, Ct), HttpStatusCode.Forbidden);

        using var admin = await api.AdminAsync();
        var page = await JsonAsync(await admin.GetAsync("/workspace/accounts?limit=1", Ct), HttpStatusCode.OK);
        Assert.Equal(1, page.GetProperty("accounts").GetArrayLength());
        Assert.Equal(await api.Database.ScalarAsync<long>("SELECT count(*) FROM accounts"), page.GetProperty("numberMatched").GetInt32());
        await JsonAsync(await admin.GetAsync("/workspace/accounts?limit=1001", Ct), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AResetPassword_UnlocksTheAccount_EndsItsSessions_AndMustBeReplaced()
    {
        var (planner, _) = await api.AccountAsync("planner-reset", "planner", EditableApi.ParcelSteward);
        using var _1 = planner;
        using var admin = await api.AdminAsync();
        var reset = await JsonAsync(await admin.PostAsync("/workspace/accounts/planner-reset/password", null, Ct), HttpStatusCode.OK);
        Assert.True(reset.GetProperty("account").GetProperty("mustChangePassword").GetBoolean());

        await JsonAsync(await planner.GetAsync("/workspace/session", Ct), HttpStatusCode.Unauthorized);
        using var again = await api.SignInAsync("planner-reset", reset.GetProperty("oneTimePassword").GetString()!);
        var session = await JsonAsync(await again.GetAsync("/workspace/session", Ct), HttpStatusCode.OK);
        Assert.True(session.GetProperty("mustChangePassword").GetBoolean());
    }
}
