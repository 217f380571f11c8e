using System.Diagnostics;
using System.Net;
using LandInventory.Auth;

namespace LandInventory.GisApi.Tests.Editing;

/// <summary>Every GET resource answers HEAD with the GET's status and headers and no body (RFC 9110 §9.3.2).</summary>
public sealed class HeadTests(EditableApi api) : IClassFixture<EditableApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Resources() =>
    [
        "/ogc/", "/ogc/conformance", "/ogc/collections", "/ogc/collections/parcels", "/ogc/collections/parcels/queryables",
        "/ogc/collections/parcels/items?limit=2", Requests.Item("parcels", Requests.Parcel),
        Requests.Item("parcels", Requests.Parcel) + "/history", "/tiles/parcels/12/3233/1681.mvt", "/odata/Parcels?$top=2",
        "/odata/$metadata", "/changes?since=2020-01-01T00:00:00Z", "/health/ready", "/openapi/v1.json",
        "/ogc/collections/nowhere/items",
    ];

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Head_AnswersAsGet_WithoutABody(string url)
    {
        var client = api.Client();
        using var get = await client.GetAsync(url, Ct);
        var body = await get.Content.ReadAsByteArrayAsync(Ct);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url), Ct);

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Headers.CacheControl, head.Headers.CacheControl);
        if (get.StatusCode == HttpStatusCode.OK)
        {
            Assert.Equal(body.Length, head.Content.Headers.ContentLength);
        }
    }

    [Fact]
    public async Task TheReadmesEditingExample_Works_WithCurl()
    {
        // The README's commands, as a person runs them: the ETag read with curl -sI, then the PATCH it allows.
        await using var server = KestrelServer.Start(api.Database.ConnectionString, out var baseUrl, ("Auth:SigningKey", EditableApi.SigningKey),
            ("Warmup:Enabled", "false"));
        var token = DevelopmentTokens.Mint(api.Settings, "alice", Roles.Planner, EditableApi.ParcelSteward, TimeSpan.FromMinutes(5));
        var script = """
            ETAG=$(curl -sI "$URL" | grep -i '^etag' | cut -d' ' -f2 | tr -d '\r')
            [ -n "$ETAG" ] || { echo "no ETag"; exit 1; }
            curl -s -o /dev/null -w '%{http_code}' -X PATCH "$URL" -H "Authorization: Bearer $TOKEN" -H "If-Match: $ETAG" \
              -H 'Content-Type: application/merge-patch+json' -d '{"properties": {"status": "reserved"}}'
            """;
        var start = new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["URL"] = baseUrl + Requests.Item("parcels", Requests.Parcel);
        start.Environment["TOKEN"] = token;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);

        Assert.Equal("204", output.Trim());
        Assert.Equal("reserved", await api.Database.ScalarAsync<string>(
            "SELECT status::text FROM land_parcels WHERE code = @code", ("code", Requests.Parcel)));
    }
}
