using System.Diagnostics;
using System.Text.Json;
using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests;

/// <summary>
/// A Python script of Clients/ that drives a real client (OWSLib, QGIS's provider) against the API at a base URL and
/// prints what it saw as JSON; run with Debian's own Python, which holds the Debian client packages.
/// </summary>
internal static class PythonClient
{
    public static async Task<JsonDocument> RunAsync(string script, string baseUrl)
    {
        var ct = TestContext.Current.CancellationToken;
        var start = new ProcessStartInfo("/usr/bin/python3", [Path.Combine(RepositoryFiles.Root, "tests", "GisApi.Tests", "Clients", script), baseUrl])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["QT_QPA_PLATFORM"] = "offscreen";
        using var python = Process.Start(start)!;
        var output = python.StandardOutput.ReadToEndAsync(ct);
        var error = python.StandardError.ReadToEndAsync(ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await python.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            python.Kill(entireProcessTree: true);
            Assert.Fail($"{script} did not finish in 2 minutes\n{await error}");
        }

        Assert.True(python.ExitCode == 0, $"{script} exited {python.ExitCode}:\n{await error}");
        return JsonDocument.Parse(await output);
    }
}
