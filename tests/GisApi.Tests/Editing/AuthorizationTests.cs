using System.Net;
using Microsoft.Extensions.Configuration;
using LandInventory.Auth;

namespace LandInventory.GisApi.Tests.Editing;

/// <summary>Reads are anonymous; every write needs a valid token with the right role and bureau, and nothing else changes.</summary>
public sealed class AuthorizationTests(EditableApi api) : IClassFixture<EditableApi>
{
    private const string Row = "SELECT md5(string_agg(p::text, '|' ORDER BY code)) FROM land_parcels p";

    [Fact]
    public async Task Writes_WithoutAValidToken_Are401_WithTheWrongRoleOrBureau403_AndChangeNothing()
    {
        var url = Requests.Item("parcels", Requests.Parcel);
        var etag = await Requests.ETagAsync(api.Client(), url);
        var before = await api.Database.ScalarAsync<string>(Row);
        var history = await api.Database.ScalarAsync<long>("SELECT count(*) FROM feature_history");
        var foreignKey = new TokenOptions { SigningKey = "a key that is not the service's, 32 bytes or more" };
        var cases = new (HttpClient Client, HttpStatusCode Expected)[]
        {
            (api.Client(), HttpStatusCode.Unauthorized),
            (WithToken(DevelopmentTokens.Mint(foreignKey, "mallory", Roles.Admin, null, TimeSpan.FromHours(1))), HttpStatusCode.Unauthorized),
            (api.Client(Roles.Admin, lifetime: TimeSpan.FromMinutes(-5)), HttpStatusCode.Unauthorized),
            (WithToken("not-a-token"), HttpStatusCode.Unauthorized),
            (api.Client("viewer", EditableApi.ParcelSteward), HttpStatusCode.Forbidden),
            (api.Planner("jk-investment-promotion"), HttpStatusCode.Forbidden),
            (api.Client(Roles.Planner), HttpStatusCode.Forbidden), // a planner token without a bureau
        };

        foreach (var (client, expected) in cases)
        {
            var response = await Requests.PatchAsync(client, url, new { status = "reserved" }, etag);
            Assert.Equal(expected, response.StatusCode);
            Assert.Equal(expected, (await Requests.SendAsync(client, HttpMethod.Delete, url, null, "", etag)).StatusCode);
        }

        Assert.Equal(before, await api.Database.ScalarAsync<string>(Row));
        Assert.Equal(history, await api.Database.ScalarAsync<long>("SELECT count(*) FROM feature_history"));

        HttpClient WithToken(string token)
        {
            var client = api.Client();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return client;
        }
    }

    [Fact]
    public async Task Areas_AreAnAdminsToChange()
    {
        var url = Requests.Item("areas", "shiling");
        var etag = await Requests.ETagAsync(api.Client(), url);
        var planner = await Requests.SendAsync(api.Planner(), HttpMethod.Delete, url, null, "", etag);
        Assert.Equal(HttpStatusCode.Forbidden, planner.StatusCode);
        // An admin may, but parcels still lie in it: 409, and the area stays.
        var admin = await Requests.SendAsync(api.Admin(), HttpMethod.Delete, url, null, "", etag);
        Assert.Equal(HttpStatusCode.Conflict, admin.StatusCode);
        Assert.Equal(1L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM areas WHERE id = 'shiling'"));
    }

    [Fact]
    public async Task TokenCommand_RefusesWithoutKeyOrBureau_AndMintsATokenTheServiceTakes()
    {
        static int Run(string[] args, IConfiguration configuration, TextWriter? output = null) =>
            DevToken.TokenCommand.Run(args, configuration, output ?? TextWriter.Null, TextWriter.Null);
        var noKey = new ConfigurationBuilder().Build();
        Assert.Equal(1, Run(["--role", "admin"], noKey));
        var withKey = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:SigningKey"] = EditableApi.SigningKey }).Build();
        Assert.Equal(1, Run(["--role", "planner"], withKey));
        Assert.Equal(1, Run(["--role", "root"], withKey));
        Assert.Equal(1, Run(["--role", "admin", "--hours", "soon"], withKey));
        Assert.Equal(1, Run(["--role", "admin", "--hours", "25"], withKey)); // beyond Auth:MaxTokenLifetimeHours (24)
        var shortKey = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:SigningKey"] = "short" }).Build();
        Assert.Equal(1, Run(["--role", "admin"], shortKey));

        var printed = new StringWriter();
        Assert.Equal(0, Run(["--role", "planner", "--steward", EditableApi.ParcelSteward, "--name", "cli"], withKey, printed));
        var client = api.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", printed.ToString().Trim());
        var url = Requests.Item("parcels", Requests.Parcel);
        var patched = await Requests.PatchAsync(client, url, new { verifiedOn = "2026-12-01" }, await Requests.ETagAsync(api.Client(), url));
        Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
    }
}
