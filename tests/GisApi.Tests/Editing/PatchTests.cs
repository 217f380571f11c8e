using System.Net;

namespace LandInventory.GisApi.Tests.Editing;

/// <summary>PATCH with If-Match: the change lands with its history, a stale or invalid one changes nothing.</summary>
public sealed class PatchTests(EditableApi api) : IClassFixture<EditableApi>
{
    private static string RowSql(string table) => $"SELECT md5(t::text) FROM {table} t WHERE code = @code";

    [Fact]
    public async Task Patch_ChangesTheFields_RecordsWhoWhatAndWhen_AndGivesANewETag()
    {
        const string code = "LQ04(252):2025-02";
        var url = Requests.Item("parcels", code);
        var etag = await Requests.ETagAsync(api.Client(), url);
        var old = await api.Database.ScalarAsync<decimal>("SELECT starting_price FROM land_parcels WHERE code = @code", ("code", code));

        var response = await Requests.PatchAsync(api.Planner(name: "wang"), url,
            new { status = "underNegotiation", startingPrice = old + 10, verifiedOn = "2026-11-27" }, etag);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var newTag = response.Headers.ETag!.Tag;
        Assert.NotEqual(etag, newTag);
        Assert.Equal("under_negotiation", await api.Database.ScalarAsync<string>("SELECT status::text FROM land_parcels WHERE code = @code", ("code", code)));
        Assert.Equal(old + 10, await api.Database.ScalarAsync<decimal>("SELECT starting_price FROM land_parcels WHERE code = @code", ("code", code)));
        // The history holds one change, by its author, with old and new values as the database had them (the price in
        // every basis, which the database derives, changed with it).
        var change = await api.Database.ScalarAsync<string>("""
            SELECT actor || '|' || array_to_string(fields, ',') || '|' || (changes -> 'starting_price' ->> 'old') || '|' || (changes -> 'status' ->> 'new')
            FROM feature_history WHERE layer = 'land_parcels' AND code = @code AND operation = 'update'
            """, ("code", code));
        Assert.Equal($"planner:wang@{EditableApi.ParcelSteward}|price_wan_yuan_per_mu,price_wan_yuan_total,price_yuan_per_sqm_floor_area,starting_price,status,verified_on|{old:0.00}|under_negotiation", change);
        // The new tag is the one the next write must name; the old one is stale now.
        Assert.Equal(HttpStatusCode.PreconditionFailed,
            (await Requests.PatchAsync(api.Planner(), url, new { status = "available" }, etag)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Requests.PatchAsync(api.Planner(), url, new { status = "available" }, newTag)).StatusCode);
        // And readers see the change at once (the response cache follows the data).
        var body = await Requests.JsonAsync(await api.Client().GetAsync(url, TestContext.Current.CancellationToken));
        Assert.Equal("available", body.GetProperty("properties").GetProperty("status").GetString());
        Assert.Equal("2026-11-27", body.GetProperty("properties").GetProperty("verifiedOn").GetString());
    }

    [Fact]
    public async Task TwoConcurrentEdits_OneWins_TheOtherGets412_AndHistoryHasExactlyOneChange()
    {
        const string code = "LQ04(252):2025-03";
        var url = Requests.Item("parcels", code);
        var etag = await Requests.ETagAsync(api.Client(), url);
        var before = await api.Database.ScalarAsync<long>("SELECT count(*) FROM feature_history WHERE code = @code", ("code", code));

        var responses = await Task.WhenAll(
            Requests.PatchAsync(api.Planner(name: "first"), url, new { status = "reserved" }, etag),
            Requests.PatchAsync(api.Planner(name: "second"), url, new { status = "withdrawn" }, etag));

        var statuses = responses.Select(r => r.StatusCode).Order().ToList();
        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.PreconditionFailed], statuses);
        Assert.Equal(before + 1, await api.Database.ScalarAsync<long>("SELECT count(*) FROM feature_history WHERE code = @code", ("code", code)));
        var winner = responses[0].StatusCode == HttpStatusCode.NoContent ? "reserved" : "withdrawn";
        Assert.Equal(winner, await api.Database.ScalarAsync<string>("SELECT status::text FROM land_parcels WHERE code = @code", ("code", code)));
    }

    [Fact]
    public async Task BadPatches_GetSpecificErrors_AndChangeNothing()
    {
        const string code = "LQ04(252):2025-04";
        var url = Requests.Item("parcels", code);
        var etag = await Requests.ETagAsync(api.Client(), url);
        var row = await api.Database.ScalarAsync<string>(RowSql("land_parcels"), ("code", code));
        var planner = api.Planner();

        Assert.Equal(HttpStatusCode.PreconditionRequired, (await Requests.PatchAsync(planner, url, new { status = "reserved" }, null)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Requests.PatchAsync(planner, url, new { status = "reserved" }, "\"12345.1-abc\"")).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Requests.PatchAsync(planner, url, new { status = "reserved" }, "W/\"1\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Requests.PatchAsync(planner, Requests.Item("parcels", "no-such"), new { status = "reserved" }, etag)).StatusCode);

        var invalid = await Requests.PatchAsync(planner, url, new { status = "sold", startingPrice = -1, nameEn = "x" }, etag);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var errors = (await Requests.JsonAsync(invalid)).GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("field").GetString()).Order().ToList();
        Assert.Equal(["nameEn", "startingPrice", "status"], errors);

        // Cross-field rules hold as in an import: a price needs its basis.
        var unpaired = await Requests.PatchAsync(planner, url, new { priceBasis = (string?)null }, etag);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unpaired.StatusCode);
        Assert.Contains("priceBasis", await unpaired.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var notJson = await Requests.SendAsync(planner, HttpMethod.Patch, url, "{\"properties\": ", "application/merge-patch+json", etag);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        var geometry = await Requests.SendAsync(planner, HttpMethod.Patch, url, "{\"geometry\": null}", "application/json", etag);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, geometry.StatusCode);

        Assert.Equal(row, await api.Database.ScalarAsync<string>(RowSql("land_parcels"), ("code", code)));
        Assert.Equal(0L, await api.Database.ScalarAsync<long>(
            "SELECT count(*) FROM feature_history WHERE code = @code AND operation = 'update'", ("code", code)));
    }

    [Fact]
    public async Task CarrierVacancy_IsChecked_AgainstItsTotalAndStatus()
    {
        var code = await api.Database.ScalarAsync<string>(
            "SELECT code FROM industrial_carriers WHERE status <> 'fully_let' ORDER BY code LIMIT 1");
        var steward = await api.Database.ScalarAsync<string>("SELECT steward_id FROM industrial_carriers WHERE code = @code", ("code", code));
        var total = await api.Database.ScalarAsync<decimal>("SELECT total_floor_area_sqm FROM industrial_carriers WHERE code = @code", ("code", code));
        var url = Requests.Item("carriers", code);
        var etag = await Requests.ETagAsync(api.Client(), url);
        var planner = api.Planner(steward);

        var tooMuch = await Requests.PatchAsync(planner, url, new { vacantFloorAreaSqm = total + 1 }, etag);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.StatusCode);
        var fullyLet = await Requests.PatchAsync(planner, url, new { status = "fullyLet" }, etag);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, fullyLet.StatusCode);

        var ok = await Requests.PatchAsync(planner, url, new { status = "fullyLet", vacantFloorAreaSqm = 0, rentCnyPerSqmMonth = 31.5 }, etag);
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.Equal(0m, await api.Database.ScalarAsync<decimal>("SELECT vacancy_rate FROM industrial_carriers WHERE code = @code", ("code", code)));
    }

    [Fact]
    public async Task AChangeADatabaseRuleRefuses_Is409_NotA5xx()
    {
        // A rule only the database knows (as a new CHECK would be before the API learns it).
        await api.Database.ScalarAsync<int>("ALTER TABLE land_parcels ADD CONSTRAINT ck_test_price_cap CHECK (starting_price < 1000000); SELECT 1");
        try
        {
            var url = Requests.Item("parcels", "LQ04(252):2025-05");
            var response = await Requests.PatchAsync(api.Planner(), url, new { startingPrice = 2_000_000 }, await Requests.ETagAsync(api.Client(), url));

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains("ck_test_price_cap", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
            Assert.NotEqual(2_000_000m, await api.Database.ScalarAsync<decimal>("SELECT starting_price FROM land_parcels WHERE code = 'LQ04(252):2025-05'"));
        }
        finally
        {
            await api.Database.ScalarAsync<int>("ALTER TABLE land_parcels DROP CONSTRAINT ck_test_price_cap; SELECT 1");
        }
    }
}
