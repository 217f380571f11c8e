using System.ComponentModel.DataAnnotations;

namespace LandInventory.GisApi.Downloads;

/// <summary>
/// <c>Downloads:*</c>: the most features one download holds (a larger query is refused, naming the figure, rather than
/// cut), how many are converted at once (each is a GDAL process; the rest wait their turn), how long one may take, and
/// where GDAL's <c>ogr2ogr</c> is.
/// </summary>
public sealed class DownloadsOptions
{
    public const string Section = "Downloads";

    [Range(1, 100_000_000, ErrorMessage = "Downloads:MaxFeatures must be from 1 to 100 000 000.")]
    public int MaxFeatures { get; set; } = 1_000_000;

    [Range(1, 64, ErrorMessage = "Downloads:Concurrent must be from 1 to 64.")]
    public int Concurrent { get; set; } = 2;

    [Range(5, 3600, ErrorMessage = "Downloads:TimeoutSeconds must be from 5 to 3600.")]
    public int TimeoutSeconds { get; set; } = 600;

    [Required(ErrorMessage = "Downloads:Ogr2Ogr must name GDAL's ogr2ogr.")]
    public string Ogr2Ogr { get; set; } = "ogr2ogr";
}
