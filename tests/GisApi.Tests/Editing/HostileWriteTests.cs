using System.Net;
using System.Text;

namespace LandInventory.GisApi.Tests.Editing;

/// <summary>
/// A few thousand generated hostile writes — malformed JSON and GeoJSON, huge and broken geometries, injection strings,
/// wrong types, junk preconditions — across every write endpoint, anonymous and authenticated: none gets a 5xx, and not
/// one row of the inventory changes.
/// </summary>
public sealed class HostileWriteTests(EditableApi api) : IClassFixture<EditableApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Inventory = """
        SELECT md5(concat((SELECT string_agg(t::text, '|' ORDER BY id) FROM areas t),
                          (SELECT string_agg(t::text, '|' ORDER BY code) FROM land_parcels t),
                          (SELECT string_agg(t::text, '|' ORDER BY code) FROM industrial_carriers t),
                          (SELECT string_agg(t::text, '|' ORDER BY code) FROM buildings t),
                          (SELECT count(*) FROM feature_history)))
        """;

    private static readonly string[] Targets =
    [
        "POST /ogc/collections/{c}/items", "PUT /ogc/collections/{c}/items/{k}", "PATCH /ogc/collections/{c}/items/{k}",
        "DELETE /ogc/collections/{c}/items/{k}", "POST /imports?layer={c}", "POST /imports?layer={c}&mode=replace",
        "PATCH /odata/Parcels('{k}')", "PATCH /odata/Carriers('{k}')", "PATCH /odata/{c}",
    ];

    private static readonly string[] Collections = ["parcels", "areas", "carriers", "buildings", "roads", "..", "parcels%00", "Parcels"];

    private static readonly string[] Keys = ["LQ04(252):2025-01", "JK-ZT-001", "shiling", "' OR 1=1 --", "", "%27", "x'); DROP TABLE areas; --", new string('k', 3000)];

    // "*" is not among them: with it a DELETE is a legitimate write.
    private static readonly string[] Tags = ["", "\"1.1-x\"", "W/\"eA==\"", "\"4294967296.1-x\"", "garbage", "\"-1.0\"", "W/\"\""];

    private static string Polygon(int vertices, bool closed = true)
    {
        var points = Enumerable.Range(0, vertices).Select(i =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"[{104.2 + 0.01 * Math.Cos(i * 2 * Math.PI / vertices)},{30.55 + 0.01 * Math.Sin(i * 2 * Math.PI / vertices)}]"));
        return $"{{\"type\":\"MultiPolygon\",\"coordinates\":[[[{string.Join(',', points)}{(closed ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $",[{104.2 + 0.01},{30.55}]") : "")}]]]}}";
    }

    private static readonly string[] Bodies =
    [
        "", "{", "[]", "null", "42", "\"text\"", "{\"properties\":", new string('[', 5000), "{\"type\":\"Feature\"}",
        "{\"properties\":{\"status\":\"sold\"}}", "{\"properties\":{\"status\":1}}", "{\"properties\":{\"startingPrice\":\"1e999\"}}",
        "{\"properties\":{\"startingPrice\":-1}}", "{\"properties\":{\"vacantFloorAreaSqm\":1e308}}", "{\"properties\":{\"code\":\"X\"}}",
        "{\"properties\":{\"status\":\"'; DROP TABLE land_parcels; --\"}}", "{\"properties\":{\"verifiedOn\":\"2025-02-30\"}}",
        "{\"properties\":{\"contactName\":\"" + new string('a', 5000) + "\"}}", "{\"properties\":[]}", "{\"geometry\":null}",
        "{\"status\":\"sold\"}", "{\"status\":null}", "{\"@odata.type\":\"#x\",\"nameEn\":\"x\"}", "{\"startingPrice\":\"abc\"}",
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"H-1\",\"nameZh\":\"x\"},\"geometry\":" + Polygon(5) + "}",
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"H-2\"},\"geometry\":" + Polygon(20000) + "}",
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"H-3\"},\"geometry\":" + Polygon(6, closed: false) + "}",
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"H-4\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[\"NaN\",1]}}",
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"H-5\"},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,1],[0,1],[1,0],[0,0]]]]}}",
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":null,\"geometry\":null}]}",
        "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:99999\"}},\"features\":[]}",
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"H-6\",\"stewardId\":\"lqy-planning-resources\",\"id\":\"<script>\"},\"geometry\":{\"type\":\"GeometryCollection\",\"geometries\":[]}}",
        "\u0000\u0001\u0002", "{\"properties\":{\"status\":\"available\",\"status\":\"withdrawn\",\"nameEn\":1}}",
    ];

    [Fact]
    public async Task GeneratedHostileWrites_NeverGet5xx_AndChangeNothing()
    {
        var before = await api.Database.ScalarAsync<string>(Inventory);
        var lastChange = await api.Database.ScalarAsync<long>("SELECT coalesce(max(id), 0) FROM feature_history");
        // A real socket: the in-memory client refuses some of these requests before any server sees them.
        await using var server = KestrelServer.Start(api.Database.ConnectionString, out var baseUrl, ("Auth:SigningKey", EditableApi.SigningKey));
        var clients = new[] { api.Client(), api.Admin(), api.Planner(), api.Planner("jk-investment-promotion"), api.Client("viewer", "x") }
            .Select(c => new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(20), DefaultRequestHeaders = { Authorization = c.DefaultRequestHeaders.Authorization } })
            .ToArray();
        var random = new Random(20261127);
        var failures = new List<string>();
        var jobs = new List<Uri>();
        for (var i = 0; i < 2500; i++)
        {
            var target = Targets[random.Next(Targets.Length)]
                .Replace("{c}", Collections[random.Next(Collections.Length)], StringComparison.Ordinal)
                .Replace("{k}", Uri.EscapeDataString(Keys[random.Next(Keys.Length)]), StringComparison.Ordinal);
            var method = new HttpMethod(target[..target.IndexOf(' ', StringComparison.Ordinal)]);
            var request = new HttpRequestMessage(method, target[(target.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
            var body = Bodies[random.Next(Bodies.Length)];
            if (method != HttpMethod.Delete || random.Next(2) == 0)
            {
                request.Content = new StringContent(body, Encoding.UTF8);
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(
                    random.Next(3) switch { 0 => "application/geo+json", 1 => "application/merge-patch+json", _ => "application/json" });
                if (random.Next(4) == 0)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Crs", random.Next(2) == 0 ? "<EPSG:4544>" : "<nonsense>");
                }
            }

            if (Tags[random.Next(Tags.Length)] is { Length: > 0 } tag)
            {
                request.Headers.TryAddWithoutValidation("If-Match", tag);
            }

            HttpResponseMessage response;
            try
            {
                response = await clients[random.Next(clients.Length)].SendAsync(request, Ct);
            }
            catch (TaskCanceledException)
            {
                failures.Add($"no answer in {clients[0].Timeout.TotalSeconds} s: {target} {request.Headers.IfMatch} {body[..Math.Min(80, body.Length)]}");
                continue;
            }
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{(int)response.StatusCode} {target} {body[..Math.Min(80, body.Length)]}: {await response.Content.ReadAsStringAsync(Ct)}");
            }
            else if (response.StatusCode == HttpStatusCode.Accepted)
            {
                jobs.Add(response.Headers.Location!);
            }
        }

        // Posted imports run in the background: each must end without writing.
        foreach (var job in jobs)
        {
            var state = "queued";
            for (var i = 0; i < 600 && state is "queued" or "running"; i++)
            {
                var status = await Requests.JsonAsync(await clients[1].GetAsync(job, Ct));
                state = status.GetProperty("state").GetString()!;
                if (state is not ("queued" or "running"))
                {
                    Assert.True(state is "invalid", $"import job {job} ended {state}: {status}");
                }
                else
                {
                    await Task.Delay(50, Ct);
                }
            }
        }

        Assert.Empty(failures);
        Assert.Equal("", await api.Database.ScalarAsync<string>(
            "SELECT coalesce(string_agg(operation || ' ' || code || ' by ' || actor, '; '), '') FROM feature_history WHERE id > @last",
            ("last", lastChange)));
        Assert.Equal(before, await api.Database.ScalarAsync<string>(Inventory));
        Assert.Equal(HttpStatusCode.OK, (await clients[0].GetAsync("/health/ready", Ct)).StatusCode);
    }
}
