using LandInventory.Import.Formats;

namespace LandInventory.GisApi.Downloads;

/// <summary>
/// GDAL's <c>ogr2ogr</c> writing a download (through the import library's <see cref="Gdal"/>, which the importer reads
/// with); its failure is the server's. Its warnings (a Shapefile's field names cut to 10 letters) are logged at debug.
/// </summary>
public static class Ogr2Ogr
{
    public static async Task RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, ILogger logger, CancellationToken ct)
    {
        try
        {
            await Gdal.RunAsync(program, arguments, timeout, ct, warnings => logger.LogDebug("ogr2ogr: {Warnings}", warnings));
        }
        catch (GdalException e)
        {
            throw new DownloadFailedException($"GDAL could not write the file: {e.Message} (Downloads:Ogr2Ogr, Downloads:TimeoutSeconds)");
        }
    }
}

/// <summary>A download GDAL failed to write: the server's fault, not the request's (500, saying what GDAL said).</summary>
public sealed class DownloadFailedException(string message) : Exception(message);
