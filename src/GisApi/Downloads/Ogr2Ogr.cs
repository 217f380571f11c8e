using System.Diagnostics;

namespace LandInventory.GisApi.Downloads;

/// <summary>
/// GDAL's <c>ogr2ogr</c>, run as a process with its arguments as a list (no shell), bounded in time; what it said on
/// stderr is the error when it fails. Its warnings (a Shapefile's field names cut to 10 letters) are logged at debug.
/// </summary>
public static class Ogr2Ogr
{
    public static async Task RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, ILogger logger, CancellationToken ct)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new DownloadFailedException($"{program} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new DownloadFailedException($"GDAL's ogr2ogr is not here ('{program}', Downloads:Ogr2Ogr): {e.Message}");
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

            throw new DownloadFailedException($"GDAL took longer than {timeout.TotalSeconds:0} s (Downloads:TimeoutSeconds)");
        }

        var said = (await stderr).Trim();
        await stdout;
        if (process.ExitCode != 0)
        {
            throw new DownloadFailedException($"GDAL could not write the file: {said}");
        }

        if (said.Length > 0)
        {
            logger.LogDebug("ogr2ogr: {Warnings}", said);
        }
    }
}

/// <summary>A download GDAL failed to write: the server's fault, not the request's (500, saying what GDAL said).</summary>
public sealed class DownloadFailedException(string message) : Exception(message);
