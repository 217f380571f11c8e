using System.Net;

namespace LandInventory.GisApi.Tests.Editing;

/// <summary>OData PATCH keeps the OGC PATCH's rules, with the entity's @odata.etag as the precondition.</summary>
public sealed class ODataPatchTests(EditableApi api) : IClassFixture<EditableApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Entity = "/odata/Parcels('LQ05(211):2025-01')";

    private async Task<string> ODataETagAsync() =>
        (await Requests.JsonAsync(await api.Client().GetAsync($"{Entity}?$select=code,status", Ct))).GetProperty("@odata.etag").GetString()!;

    [Fact]
    public async Task Patch_WithTheODataETag_Changes_AndAnswersTheNewOne()
    {
        var etag = await ODataETagAsync();
        var response = await Requests.SendAsync(api.Planner(name: "odata-user"), HttpMethod.Patch, Entity,
            "{\"@odata.type\":\"#LandInventory.Parcel\",\"status\":\"reserved\",\"depositWanYuan\":1200}", "application/json", etag);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(await ODataETagAsync(), response.Headers.ETag!.ToString());
        Assert.Equal("reserved|1200.00", await api.Database.ScalarAsync<string>(
            "SELECT status::text || '|' || deposit_wan_yuan FROM land_parcels WHERE code = 'LQ05(211):2025-01'"));
        Assert.Equal(1L, await api.Database.ScalarAsync<long>(
            "SELECT count(*) FROM feature_history WHERE code = 'LQ05(211):2025-01' AND actor = @a", ("a", $"planner:odata-user@{EditableApi.ParcelSteward}")));

        // The old tag is stale now.
        var stale = await Requests.SendAsync(api.Planner(), HttpMethod.Patch, Entity, "{\"status\":\"available\"}", "application/json", etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.True((await Requests.JsonAsync(stale)).TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Patch_Refusals_AreODataErrors_AndChangeNothing()
    {
        var row = await api.Database.ScalarAsync<string>("SELECT md5(p::text) FROM land_parcels p WHERE code = 'LQ04(252):2025-06'");
        const string entity = "/odata/Parcels('LQ04(252):2025-06')";
        var etag = (await Requests.JsonAsync(await api.Client().GetAsync($"{entity}?$select=code", Ct))).GetProperty("@odata.etag").GetString()!;

        Assert.Equal(HttpStatusCode.Unauthorized, (await Requests.SendAsync(api.Client(), HttpMethod.Patch, entity, "{\"status\":\"reserved\"}", "application/json", etag)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Requests.SendAsync(api.Planner("jk-investment-promotion"), HttpMethod.Patch, entity, "{\"status\":\"reserved\"}", "application/json", etag)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await Requests.SendAsync(api.Planner(), HttpMethod.Patch, entity, "{\"status\":\"reserved\"}", "application/json", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Requests.SendAsync(api.Planner(), HttpMethod.Patch, "/odata/Parcels('nope')", "{\"status\":\"reserved\"}", "application/json", etag)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Requests.SendAsync(api.Planner(), HttpMethod.Patch, entity, "{\"status\":\"reserved\"}", "application/json", "W/\"bm90IGEgdGltZQ==\"")).StatusCode);
        var invalid = await Requests.SendAsync(api.Planner(), HttpMethod.Patch, entity, "{\"status\":\"gone\",\"code\":\"X\"}", "application/json", etag);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var targets = (await Requests.JsonAsync(invalid)).GetProperty("error").GetProperty("details").EnumerateArray()
            .Select(d => d.GetProperty("target").GetString()!).Order().ToArray();
        Assert.Equal(["code", "status"], targets);

        Assert.Equal(row, await api.Database.ScalarAsync<string>("SELECT md5(p::text) FROM land_parcels p WHERE code = 'LQ04(252):2025-06'"));
    }
}
