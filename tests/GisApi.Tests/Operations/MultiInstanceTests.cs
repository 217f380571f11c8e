using System.Net;
using System.Net.Http.Headers;
using LandInventory.GisApi.Tests.Editing;

namespace LandInventory.GisApi.Tests.Operations;

/// <summary>
/// Two API processes on one database behind nginx on one port: an import posted through the proxy is polled from either
/// instance, and when the instance running it is killed outright, the other runs it to its end — each parcel once, nothing
/// written twice, nothing lost.
/// </summary>
public sealed class MultiInstanceTests(EditableApi api) : IClassFixture<EditableApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnImportPostedToOneInstance_IsPolledFromTheOther_AndFinishedByItWhenItsInstanceIsKilled()
    {
        await using var instances = await ApiProcesses.StartAsync(api.Database.ConnectionString, 2, Ct, ("Auth:SigningKey", EditableApi.SigningKey));
        var token = api.Admin("two-instances").DefaultRequestHeaders.Authorization;
        HttpClient Client(Uri at) => new() { BaseAddress = at, DefaultRequestHeaders = { Authorization = token } };
        var (proxy, first, second) = (Client(instances.Proxy), Client(instances.Instances[0]), Client(instances.Instances[1]));
        var before = await api.Database.ScalarAsync<long>("SELECT count(*) FROM land_parcels");

        var posted = await Requests.SendAsync(proxy, HttpMethod.Post, "/imports?layer=parcels", Requests.ParcelCopies("TWO", 40_000),
            "application/geo+json", null);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var job = posted.Headers.Location!.PathAndQuery;
        Assert.StartsWith($"{instances.Proxy}imports/", posted.Headers.Location.ToString(), StringComparison.Ordinal); // the proxy's address

        // Both instances know the job, whichever took the post; then it runs on one of them.
        foreach (var client in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(job, Ct)).StatusCode);
        }

        var id = job.Split('/')[^1];
        string runBy;
        do
        {
            await Task.Delay(50, Ct);
            runBy = await api.Database.ScalarAsync<string>($"SELECT coalesce(run_by, '') FROM import_jobs WHERE id = '{id}' AND state = 'running'") ?? "";
        }
        while (runBy.Length == 0);

        var running = instances.Processes.Single(p => runBy.Split(':')[1] == p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var survivor = instances.Processes[0] == running ? second : first;
        var seen = await Requests.JsonAsync(await survivor.GetAsync(job, Ct));
        Assert.Equal("running", seen.GetProperty("state").GetString());
        Assert.Equal(1, seen.GetProperty("attempts").GetInt32());

        running.Kill(); // SIGKILL: no graceful stop, its transaction and its session simply end
        await running.WaitForExitAsync(Ct);
        Assert.Equal(before, await api.Database.ScalarAsync<long>("SELECT count(*) FROM land_parcels"));

        var done = await Requests.FinishedAsync(survivor, new Uri(job, UriKind.Relative));
        Assert.Equal("succeeded", done.GetProperty("state").GetString());
        Assert.Equal(2, done.GetProperty("attempts").GetInt32());
        Assert.Equal(40_000, done.GetProperty("report").GetProperty("layers")[0].GetProperty("inserted").GetInt32());
        Assert.Equal(before + 40_000, await api.Database.ScalarAsync<long>("SELECT count(*) FROM land_parcels"));
        Assert.Equal(40_000L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM feature_history WHERE actor = 'admin:two-instances'"));
        Assert.NotEqual(runBy, await api.Database.ScalarAsync<string>($"SELECT run_by FROM import_jobs WHERE id = '{id}'") ?? "");

        // Through the proxy, with one instance gone, the job's end is read from the one that is left.
        Assert.Equal("succeeded", (await Requests.JsonAsync(await proxy.GetAsync(job, Ct))).GetProperty("state").GetString());
    }
}
