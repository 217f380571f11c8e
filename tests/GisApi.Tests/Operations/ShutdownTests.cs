using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LandInventory.GisApi.Tests.Editing;
using LandInventory.PostGis.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LandInventory.GisApi.Tests.Operations;

/// <summary>
/// A stopping service finishes the requests it is answering, and an import job it cuts short writes nothing and is run
/// again by the next instance.
/// </summary>
public sealed class ShutdownTests(EditableApi api) : IClassFixture<EditableApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A body sent in two halves, the second only when the test says so.</summary>
    private sealed class TwoPartContent(byte[] body, TaskCompletionSource firstSent, Task sendRest) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = body.Length / 2;
            await stream.WriteAsync(body.AsMemory(0, half));
            await stream.FlushAsync();
            firstSent.SetResult();
            await sendRest;
            await stream.WriteAsync(body.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }

    [Fact]
    public async Task Stopping_FinishesTheRequestInFlight_ThenRefusesNewOnes()
    {
        await using var server = KestrelServer.Start(api.Database.ConnectionString, out var baseUrl, ("Auth:SigningKey", EditableApi.SigningKey));
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Authorization = api.Planner().DefaultRequestHeaders.Authorization;
        var url = Requests.Item("parcels", "LQ04(252):2025-02");
        var etag = await Requests.ETagAsync(client, url);
        var firstHalf = new TaskCompletionSource();
        var rest = new TaskCompletionSource();
        var request = new HttpRequestMessage(HttpMethod.Patch, url)
        {
            Content = new TwoPartContent(Encoding.UTF8.GetBytes("{\"properties\":{\"contactName\":\"Shutdown desk\"}}"), firstHalf, rest.Task),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/merge-patch+json");
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        var inFlight = client.SendAsync(request, Ct);
        await firstHalf.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        // The server must have taken the request (read its headers) before the stop, or the stop rightly closes the
        // connection as idle: on two loaded cores (the suite's other classes run meanwhile) that can take a moment.
        await Task.Delay(1000, Ct);

        // Stop while the request is half received; the rest of its body comes after.
        var stopping = Task.Run(() => server.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication(), Ct);
        await Task.Delay(300, Ct);
        rest.SetResult();

        var response = await inFlight;
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("Shutdown desk", await api.Database.ScalarAsync<string>(
            "SELECT contact_name FROM land_parcels WHERE code = 'LQ04(252):2025-02'"));
        await stopping;
        await Task.Delay(1000, Ct);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => new HttpClient { BaseAddress = new Uri(baseUrl) }.GetAsync("/health/live", Ct));
    }

    [Fact]
    public async Task AnImportJob_CutShortByAStop_WritesNothing_AndTheNextInstanceRunsIt()
    {
        // 40 000 copies of a parcel of the zone under new codes: long enough to be cut mid-way.
        var body = Requests.ParcelCopies("CUT", 40_000);
        var before = await api.Database.ScalarAsync<long>("SELECT count(*) FROM land_parcels");
        var admin = api.Admin("cut-short").DefaultRequestHeaders.Authorization;
        Uri job;
        await using (var factory = new ApiFactory(api.Database.ConnectionString, ("Auth:SigningKey", EditableApi.SigningKey)))
        {
            var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = admin;
            var posted = await Requests.SendAsync(client, HttpMethod.Post, "/imports?layer=parcels", body, "application/geo+json", null);
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
            job = posted.Headers.Location!;
            string state;
            do
            {
                await Task.Delay(50, Ct);
                state = (await Requests.JsonAsync(await client.GetAsync(job, Ct))).GetProperty("state").GetString()!;
            }
            while (state == "queued");

            Assert.Equal("running", state);
        } // the host stops: the job's transaction is cancelled and rolled back

        Assert.Equal(before, await api.Database.ScalarAsync<long>("SELECT count(*) FROM land_parcels"));
        Assert.Equal(0L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM feature_history WHERE actor = 'admin:cut-short'"));
        var id = job.Segments[^1];
        Assert.Equal("queued 0", await api.Database.ScalarAsync<string>(
            $"SELECT state || ' ' || attempts FROM import_jobs WHERE id = '{id}'")); // kept, to run again; that start not counted

        // The next instance (a restart, or another behind the same proxy) runs it to its end, each parcel once.
        await using var next = new ApiFactory(api.Database.ConnectionString, ("Auth:SigningKey", EditableApi.SigningKey));
        var again = next.CreateClient();
        again.DefaultRequestHeaders.Authorization = admin;
        var done = await Requests.FinishedAsync(again, job);
        Assert.Equal("succeeded", done.GetProperty("state").GetString());
        Assert.Equal(1, done.GetProperty("attempts").GetInt32());
        Assert.Equal(40_000, done.GetProperty("report").GetProperty("layers")[0].GetProperty("inserted").GetInt32());
        Assert.Equal(before + 40_000, await api.Database.ScalarAsync<long>("SELECT count(*) FROM land_parcels"));
        Assert.Equal(40_000L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM feature_history WHERE actor = 'admin:cut-short'"));
        Assert.Equal(0L, await api.Database.ScalarAsync<long>($"SELECT count(*) FROM import_uploads WHERE upload = '{id}'")); // done: the upload goes
    }
}
