using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests.Editing;

/// <summary>A layer read as of a past time is exactly what the live layer answered then, whatever changed since.</summary>
public sealed class AsOfTests(EditableApi api) : IClassFixture<EditableApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> FeaturesAsync(string url)
    {
        var body = JsonNode.Parse(await (await api.Client().GetAsync(url, Ct)).Content.ReadAsStringAsync(Ct))!;
        return body["features"]!.ToJsonString();
    }

    [Fact]
    public async Task Items_AsOfATime_EqualTheLiveAnswerOfThatTime_AfterUpdatesDeletesAndInserts()
    {
        const string parcels = "/ogc/collections/parcels/items?limit=1000";
        const string buildings = "/ogc/collections/buildings/items?limit=1000";
        var parcelsThen = await FeaturesAsync(parcels);
        var buildingsThen = await FeaturesAsync(buildings);
        static string OData(string function) => $"/odata/Parcels{function}?$select=code,status,startingPrice,updatedAt&$orderby=code";
        var odataThen = (await Requests.JsonAsync(await api.Client().GetAsync(OData(""), Ct))).GetProperty("value").ToString();
        await Task.Delay(20, Ct);
        var then = await api.Database.ScalarAsync<DateTime>("SELECT clock_timestamp()");
        await Task.Delay(20, Ct);

        // Changes after that time: an update, a delete, an insert.
        var url = Requests.Item("parcels", "LQ04(252):2025-07");
        Assert.Equal(HttpStatusCode.NoContent, (await Requests.PatchAsync(api.Planner(), url,
            new { status = "transferred", startingPrice = 1, priceBasis = "wanYuanPerMu" }, await Requests.ETagAsync(api.Client(), url))).StatusCode);
        var building = await api.Database.ScalarAsync<string>("SELECT code FROM buildings ORDER BY code DESC LIMIT 1");
        var buildingUrl = Requests.Item("buildings", building);
        Assert.Equal(HttpStatusCode.NoContent, (await Requests.SendAsync(api.Admin(), HttpMethod.Delete, buildingUrl, null, "",
            await Requests.ETagAsync(api.Client(), buildingUrl))).StatusCode);
        var feature = (JsonObject)JsonNode.Parse(File.ReadAllText(RepositoryFiles.Data("parcels.geojson")))!["features"]![2]!.DeepClone();
        feature["properties"]!["code"] = "ASOF-NEW";
        Assert.Equal(HttpStatusCode.Created, (await Requests.SendAsync(api.Planner(), HttpMethod.Post, "/ogc/collections/parcels/items",
            feature.ToJsonString(), "application/geo+json", null)).StatusCode);
        Assert.NotEqual(parcelsThen, await FeaturesAsync(parcels));

        var at = Uri.EscapeDataString(then.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(parcelsThen, await FeaturesAsync($"{parcels}&asOf={at}"));
        Assert.Equal(buildingsThen, await FeaturesAsync($"{buildings}&asOf={at}"));
        var odataAsOf = await Requests.JsonAsync(await api.Client().GetAsync(OData($"/AsOf(time={at})"), Ct));
        Assert.Equal(odataThen, odataAsOf.GetProperty("value").ToString());

        // Filters apply to the past state as to the live one: then, the parcel was not transferred.
        var transferred = await Requests.JsonAsync(await api.Client().GetAsync(
            $"/ogc/collections/parcels/items?asOf={at}&filter={Uri.EscapeDataString("status = 'transferred' AND code = 'LQ04(252):2025-07'")}", Ct));
        Assert.Equal(0, transferred.GetProperty("numberMatched").GetInt32());
        // Before anything was recorded, there was nothing.
        var before = await Requests.JsonAsync(await api.Client().GetAsync("/ogc/collections/parcels/items?asOf=2000-01-01T00:00:00Z", Ct));
        Assert.Equal(0, before.GetProperty("numberMatched").GetInt32());
    }

    [Fact]
    public async Task AsOf_OtherThanAnInstant_IsRefused()
    {
        foreach (var value in new[] { "2026-11-27", "2026-11-27T00:00:00Z/..", "../2026-11-27T00:00:00Z", "now", "2026-11-27T00:00:00" })
        {
            var response = await api.Client().GetAsync($"/ogc/collections/parcels/items?asOf={Uri.EscapeDataString(value)}", Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }
}
