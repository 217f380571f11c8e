using System.Diagnostics;

namespace LandInventory.GisApi.Tests;

/// <summary>GDAL's command-line tools (Debian's gdal-bin, which ./test.sh installs) as real clients of the API.</summary>
public static class Gdal
{
    public static Task<string> OgrinfoAsync(params string[] args) => RunAsync("ogrinfo", args);

    public static Task<string> Ogr2ogrAsync(params string[] args) => RunAsync("ogr2ogr", args);

    public static Task<string> SrsInfoAsync(params string[] args) => RunAsync("gdalsrsinfo", args);

    private static async Task<string> RunAsync(string tool, string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} not found: install gdal-bin (./test.sh does)", e);
        }

        using (process)
        {
            var ct = TestContext.Current.CancellationToken;
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var errors = await process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            Assert.True(process.ExitCode == 0, errors);
            return await output;
        }
    }

    /// <summary>
    /// A file's features as GDAL reads them, written out as GeoJSON in the file's own CRS (a zip is read inside), with
    /// coordinates to nine decimals.
    /// </summary>
    public static async Task<System.Text.Json.JsonElement> FeaturesAsync(string file) =>
        System.Text.Json.JsonDocument.Parse(await Ogr2ogrAsync("-f", "GeoJSON", "/vsistdout/",
            file.EndsWith(".zip", StringComparison.Ordinal) ? $"/vsizip/{file}" : file,
            "-lco", "RFC7946=NO", "-lco", "COORDINATE_PRECISION=9")).RootElement.GetProperty("features");

    /// <summary>The values of one string field in ogrinfo's feature dump, sorted ordinally.</summary>
    public static IEnumerable<string> Values(string ogrinfoOutput, string field) =>
        ogrinfoOutput.Split('\n').Select(l => l.Trim())
            .Where(l => l.StartsWith($"{field} (String) = ", StringComparison.Ordinal))
            .Select(l => l[$"{field} (String) = ".Length..])
            .Order(StringComparer.Ordinal);
}
