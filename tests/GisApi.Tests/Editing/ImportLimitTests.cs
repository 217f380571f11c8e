using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LandInventory.Auth;
using LandInventory.GisApi.Importing;
using LandInventory.PostGis.Testing;
using Npgsql;

namespace LandInventory.GisApi.Tests.Editing;

/// <summary>
/// What POST /imports takes is bounded: jobs waiting per user and in all, the room waiting uploads take, each statement's
/// time; an upload is read, when its job runs, from a file only the service's user may read.
/// </summary>
public sealed class ImportLimitTests(EditableApi api) : IClassFixture<EditableApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The parcels of the fixture's parcel bureau, as a planner of it would import them.</summary>
    private static string OneBureausParcels()
    {
        var collection = JsonNode.Parse(File.ReadAllText(RepositoryFiles.Data("parcels.geojson")))!;
        var features = collection["features"]!.AsArray();
        foreach (var f in features.Where(f => f!["properties"]!["stewardId"]!.GetValue<string>() != EditableApi.ParcelSteward).ToList())
        {
            features.Remove(f);
        }

        return collection.ToJsonString();
    }

    private HttpClient Planner(ApiFactory factory, string name)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            DevelopmentTokens.Mint(api.Settings, name, Roles.Planner, EditableApi.ParcelSteward, TimeSpan.FromHours(1)));
        return client;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string body) =>
        Requests.SendAsync(client, HttpMethod.Post, "/imports?layer=parcels&dryRun=true", body, "application/geo+json", null);

    private static async Task RefusedAsync(HttpResponseMessage response, string naming)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains(naming, (await Requests.JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Holds the parcels' table so that an import waits on it, until disposed.</summary>
    private async Task<NpgsqlConnection> HoldParcelsAsync()
    {
        var connection = new NpgsqlConnection(api.Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var begin = new NpgsqlCommand("BEGIN; LOCK TABLE land_parcels IN ACCESS EXCLUSIVE MODE", connection);
        await begin.ExecuteNonQueryAsync(Ct);
        return connection;
    }

    [Fact]
    public async Task Jobs_WaitingPerUserAndInAll_AreBounded_WithA429()
    {
        await using var factory = new ApiFactory(api.Database.ConnectionString, ("Auth:SigningKey", EditableApi.SigningKey),
            ("Warmup:Enabled", "false"), ("Imports:MaxJobsPerUser", "1"), ("Imports:MaxJobs", "2"));
        var (alice, bob, carol) = (Planner(factory, "alice"), Planner(factory, "bob"), Planner(factory, "carol"));
        var body = OneBureausParcels();
        Uri first, second;
        await using (await HoldParcelsAsync())
        {
            var accepted = await PostAsync(alice, body);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            first = accepted.Headers.Location!;

            await RefusedAsync(await PostAsync(alice, body), "Imports:MaxJobsPerUser");

            var other = await PostAsync(bob, body);
            Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
            second = other.Headers.Location!;
            await RefusedAsync(await PostAsync(carol, body), "Imports:MaxJobs");
        }

        Assert.Equal("succeeded", (await Requests.FinishedAsync(alice, first)).GetProperty("state").GetString());
        Assert.Equal("succeeded", (await Requests.FinishedAsync(bob, second)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(carol, body)).StatusCode); // room again
    }

    [Fact]
    public async Task Uploads_Waiting_HaveBoundedRoom()
    {
        await using var factory = new ApiFactory(api.Database.ConnectionString, ("Auth:SigningKey", EditableApi.SigningKey),
            ("Warmup:Enabled", "false"), ("Imports:MaxStoredMbPerUser", "1"));
        var alice = Planner(factory, "alice");
        var body = OneBureausParcels();
        var large = body + new string(' ', 1024 * 1024); // over the user's megabyte
        var refused = await PostAsync(alice, large);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("Imports:MaxStoredMbPerUser", (await Requests.JsonAsync(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var accepted = await PostAsync(alice, body);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("succeeded", (await Requests.FinishedAsync(alice, accepted.Headers.Location!)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task AnImportsStatements_AreBoundedInTime_AndATimedOutImportWritesNothing()
    {
        await using var factory = new ApiFactory(api.Database.ConnectionString, ("Auth:SigningKey", EditableApi.SigningKey),
            ("Warmup:Enabled", "false"), ("Imports:StatementTimeoutSeconds", "1"));
        var alice = Planner(factory, "alice");
        var before = await api.Database.ScalarAsync<string>("SELECT md5(string_agg(p::text, '|' ORDER BY code)) FROM land_parcels p");
        Uri job;
        await using (await HoldParcelsAsync())
        {
            var accepted = await Requests.SendAsync(alice, HttpMethod.Post, "/imports?layer=parcels", OneBureausParcels().Replace("\"available\"", "\"reserved\"", StringComparison.Ordinal),
                "application/geo+json", null);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            job = accepted.Headers.Location!;
            var done = await Requests.FinishedAsync(alice, job); // while the table is held: the statement gives up after a second
            Assert.Equal("failed", done.GetProperty("state").GetString());
        }

        Assert.Equal(before, await api.Database.ScalarAsync<string>("SELECT md5(string_agg(p::text, '|' ORDER BY code)) FROM land_parcels p"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Uploads_AreReadFromFiles_OnlyTheServicesUserMayRead()
    {
        var file = Path.Combine(Path.GetTempPath(), $"landinventory-import-test-{Guid.NewGuid():N}");
        try
        {
            using (ImportUploads.CreatePrivate(file))
            {
            }

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
