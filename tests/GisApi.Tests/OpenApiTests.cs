using System.Diagnostics;
using System.Text.Json;
using LandInventory.GisApi.Ogc;
using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests;

/// <summary>
/// The OpenAPI description as clients read it: OpenAPI 3.0 wherever the API says which, every parameter the items take,
/// the bearer scheme on every write and none on reads — and Redocly's linter (npm, Clients/) finds no error.
/// </summary>
public sealed class OpenApiTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> DocumentAsync() => await api.Factory.CreateClient().GetStringAsync("/openapi/v1.json", Ct);

    [Fact]
    public async Task TheDescription_IsOpenApi30_AsTheLandingPageAndConformanceSay()
    {
        using var document = JsonDocument.Parse(await DocumentAsync());
        Assert.StartsWith("3.0.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var client = api.Factory.CreateClient();
        using var landing = JsonDocument.Parse(await client.GetStringAsync("/ogc/", Ct));
        var desc = landing.RootElement.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("rel").GetString() == "service-desc");
        Assert.EndsWith("version=3.0", desc.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30", await client.GetStringAsync("/ogc/conformance", Ct),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryParameterOfTheItems_IsDeclared_WithItsDefaultAndBounds()
    {
        using var document = JsonDocument.Parse(await DocumentAsync());
        var items = document.RootElement.GetProperty("paths").GetProperty("/ogc/collections/{collectionId}/items").GetProperty("get");
        var declared = items.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);

        string[] expected = ["collectionId", "limit", "offset", "after", "bbox", "bbox-crs", "crs", "datetime", "asOf", "filter", "filter-lang",
            "filter-crs", "sortby", "properties", "nearestPlaces", "f"];
        Assert.Equal(expected.Order(), declared.Keys.Order());
        Assert.Equal("boolean", declared["nearestPlaces"].GetProperty("schema").GetProperty("type").GetString());
        var limit = declared["limit"].GetProperty("schema");
        Assert.Equal(ItemsQuery.DefaultLimit, limit.GetProperty("default").GetInt32());
        Assert.Equal(ItemsQuery.MaxLimit, limit.GetProperty("maximum").GetInt32());
        Assert.Equal("query", declared["bbox"].GetProperty("in").GetString());
    }

    [Fact]
    public async Task Writes_NeedATokenOrASession_AndReadsSayTheyNeedNothing()
    {
        using var document = JsonDocument.Parse(await DocumentAsync());
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Operation: o.Value))).ToList();
        Assert.Equal("cookie", document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("session").GetProperty("in").GetString());
        // Signing in, the token it needs and the page's settings are what a caller reads before it has a session.
        // Anyone may ask a bureau about a site (guarded by a form token and a per-address limit, not by an account).
        static bool Inquiry(string path) => path == "/sites/{layer}/{code}/inquiries";
        bool SignIn(string path, string method) =>
            (path, method) is ("/workspace/session", "post") or ("/workspace/antiforgery", "get") or ("/workspace/config", "get")
                or ("/workspace/signin/oidc", "get");
        var writes = operations.Where(o => (o.Method is "put" or "patch" or "delete" || (o.Method == "post" && !o.Path.StartsWith("/search", StringComparison.Ordinal) && o.Path != "/match" && !Inquiry(o.Path)))
            && !SignIn(o.Path, o.Method)).ToList();
        Assert.NotEmpty(writes);
        foreach (var (path, method, operation) in operations)
        {
            var security = operation.GetProperty("security");
            var needsCaller = writes.Any(w => w.Path == path && w.Method == method) || path.StartsWith("/imports", StringComparison.Ordinal)
                || (path.StartsWith("/workspace/", StringComparison.Ordinal) && !SignIn(path, method));
            var either = security.GetArrayLength() == 2 && security[0].TryGetProperty("bearer", out _) && security[1].TryGetProperty("session", out _);
            Assert.True(needsCaller == either, $"{method} {path}: {security}");
            Assert.True(needsCaller || security.GetArrayLength() == 0, $"{method} {path}");
        }
    }

    [Fact]
    public async Task RedoclysLinter_FindsNoError()
    {
        var file = Path.Combine(Path.GetTempPath(), $"landinventory-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await DocumentAsync(), Ct);
        try
        {
            var start = new ProcessStartInfo(Path.Combine(RepositoryFiles.Root, "tests", "GisApi.Tests", "Clients", "node_modules", ".bin", "redocly"),
                ["lint", file, "--format=stylish"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            using var lint = Process.Start(start)!;
            var output = lint.StandardOutput.ReadToEndAsync(Ct);
            var error = lint.StandardError.ReadToEndAsync(Ct);
            await lint.WaitForExitAsync(Ct);
            Assert.True(lint.ExitCode == 0, $"redocly lint exited {lint.ExitCode}:\n{await output}\n{await error}");
            Assert.Contains("valid", await output + await error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
