using System.Diagnostics;

namespace LandInventory.Import.Formats;

/// <summary>
/// Debian's GDAL tools (<c>ogr2ogr</c>, <c>ogrinfo</c>), run as a process with their arguments as a list (no shell) and
/// bounded in time. What the tool said on stderr is the error when it fails. The importer reads the formats through
/// them (decision 0022) and the API writes its downloads with them (decision 0021).
/// </summary>
public static class Gdal
{
    /// <summary>The tool's standard output; its warnings (stderr of a run that succeeded) go to <paramref name="warnings"/>.</summary>
    /// <exception cref="GdalException">The tool is missing, failed, or ran out of time.</exception>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout,
        CancellationToken ct, Action<string>? warnings = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new GdalException($"{program} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new GdalException($"GDAL's {Path.GetFileName(program)} is not here ('{program}'; Debian's gdal-bin has it): {e.Message}");
        }

        using var owned = process;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        var stderr = process.StandardError.ReadToEndAsync(limit.Token);
        var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (ct.IsCancellationRequested)
            {
                throw;
            }

            throw new GdalException($"GDAL took longer than {timeout.TotalSeconds:0} s");
        }

        var said = (await stderr).Trim();
        var output = await stdout;
        if (process.ExitCode != 0)
        {
            throw new GdalException(said.Length > 0 ? said : $"{Path.GetFileName(program)} exited with {process.ExitCode}");
        }

        if (said.Length > 0)
        {
            warnings?.Invoke(said);
        }

        return output;
    }
}

/// <summary>GDAL could not do what it was asked; the message is what it said.</summary>
public sealed class GdalException(string message) : Exception(message);
