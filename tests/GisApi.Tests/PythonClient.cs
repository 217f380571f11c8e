using System.Diagnostics;
using System.Globalization;
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

    /// <summary>Ids a client saw, in one ordinal order, as <see cref="CodesAsync"/> gives PostGIS's.</summary>
    public static string Joined(JsonElement ids) =>
        string.Join(",", ids.EnumerateArray().Select(i => i.GetString()).Order(StringComparer.Ordinal));

    /// <summary>The keys a query selects, in ordinal order.</summary>
    public static async Task<string> CodesAsync(InventoryTestDatabase database, string sql) => await database.ScalarAsync<string>(
        $"SELECT coalesce(string_agg(k, ',' ORDER BY k COLLATE \"C\"), '') FROM ({sql}) s(k)");

    /// <summary>
    /// The carriers' points a client gave in EPSG:4544 (by code) are PostGIS's transform of the stored ones, within a
    /// millimetre; <paramref name="northingFirst"/> when the client keeps the CRS's own axis order.
    /// </summary>
    public static async Task AssertCarriersIn4544Async(InventoryTestDatabase database, JsonElement seen, bool northingFirst)
    {
        var expected = (await database.ScalarAsync<string>(
                "SELECT string_agg(code || ' ' || ST_X(ST_Transform(location, 4544)) || ' ' || ST_Y(ST_Transform(location, 4544)), ';') FROM industrial_carriers"))
            .Split(';').Select(r => r.Split(' '))
            .ToDictionary(r => r[0], r => (E: double.Parse(r[1], CultureInfo.InvariantCulture), N: double.Parse(r[2], CultureInfo.InvariantCulture)));
        Assert.Equal(expected.Count, seen.EnumerateObject().Count());
        foreach (var carrier in seen.EnumerateObject())
        {
            var (e, n) = expected[carrier.Name];
            var (first, second) = northingFirst ? (n, e) : (e, n);
            Assert.InRange(carrier.Value[0].GetDouble(), first - 0.001, first + 0.001);
            Assert.InRange(carrier.Value[1].GetDouble(), second - 0.001, second + 0.001);
        }
    }
}
