using System.Diagnostics;
using System.Text.Json;
using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests;

/// <summary>
/// Runs one scenario of a page script in this folder (map.e2e.mjs, workspace.e2e.mjs: playwright-core driving Debian's
/// Chromium) against a served API, and reads back what it printed; it must exit cleanly, in two minutes, with no error
/// in the page's console. Screenshots go to <see cref="Artifacts"/>.
/// </summary>
internal static class BrowserScenario
{
    /// <summary>
    /// The test classes that drive Chromium run one after another (each with the others, in parallel with the rest): a
    /// browser, its renderer and software WebGL take a core each, and several at once starve the timing-sensitive tests.
    /// </summary>
    public const string Collection = "browser";

    public static readonly string Artifacts = Path.Combine(RepositoryFiles.Root, "artifacts");

    public static async Task<JsonDocument> RunAsync(string script, string scenario, string baseUrl, params string[] arguments)
    {
        Directory.CreateDirectory(Artifacts);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(RepositoryFiles.Root, "tests", "GisApi.Tests", "Browser"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { script, scenario, baseUrl, Artifacts }.Concat(arguments))
        {
            start.ArgumentList.Add(arg);
        }

        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await node.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            node.Kill(entireProcessTree: true);
            Assert.Fail($"{scenario}: the browser did not finish in 2 minutes\n{await error}");
        }

        Assert.True(node.ExitCode == 0, $"{scenario}: node exited {node.ExitCode}\n{await error}\n{await output}");
        var seen = JsonDocument.Parse(await output);
        Assert.Empty(seen.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        return seen;
    }
}
