using System.ComponentModel.DataAnnotations;

namespace LandInventory.GisApi.Importing;

/// <summary>
/// <c>Imports:…</c>, what <c>POST /imports</c> takes: <see cref="MaxUploadMb"/> the largest file (other requests:
/// <c>Limits:MaxRequestBodyMb</c>); how many jobs may wait or run, per user and in all; how many megabytes of uploads may
/// wait on disk, per user and in all; how much a zipped upload may unpack to; how long one statement of an import may run; the survey tolerance.
/// </summary>
public sealed class ImportsOptions
{
    public const string Section = "Imports";

    [Range(1, 100_000, ErrorMessage = "Imports:MaxUploadMb must be from 1 to 100000 (MB).")]
    public int MaxUploadMb { get; set; } = 256;

    [Range(1, 1000, ErrorMessage = "Imports:MaxJobsPerUser must be from 1 to 1000.")]
    public int MaxJobsPerUser { get; set; } = 3;

    [Range(1, 10_000, ErrorMessage = "Imports:MaxJobs must be from 1 to 10000.")]
    public int MaxJobs { get; set; } = 20;

    [Range(1, 1_000_000, ErrorMessage = "Imports:MaxStoredMbPerUser must be from 1 to 1000000 (MB).")]
    public int MaxStoredMbPerUser { get; set; } = 512;

    [Range(1, 1_000_000, ErrorMessage = "Imports:MaxStoredMb must be from 1 to 1000000 (MB).")]
    public int MaxStoredMb { get; set; } = 2048;

    /// <summary>The most a zipped upload may unpack to: the disk the temporary folder is on must hold it.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Imports:MaxUnpackedMb must be from 1 to 1000000 (MB).")]
    public int MaxUnpackedMb { get; set; } = (int)(Import.ImportOptions.DefaultMaxUnpackedBytes >> 20);

    public long MaxUploadBytes => Bytes(MaxUploadMb);

    public long MaxUnpackedBytes => Bytes(MaxUnpackedMb);

    public long MaxStoredBytesPerUser => Bytes(MaxStoredMbPerUser);

    public long MaxStoredBytes => Bytes(MaxStoredMb);

    private static long Bytes(int megabytes) => megabytes * 1024L * 1024L;

    /// <summary>
    /// A geometry that moved no more than this on the ground (metres) is unchanged: a round trip through a projected system
    /// must not rewrite every boundary. Default 1 cm.
    /// </summary>
    [Range(0, 100, ErrorMessage = "Imports:SurveyToleranceM must be from 0 to 100 (metres).")]
    public double SurveyToleranceM { get; set; } = Import.ImportOptions.DefaultSurveyToleranceM;

    /// <summary>An import's statements run longer than one request's (a large merge), but not without end.</summary>
    [Range(1, 86_400, ErrorMessage = "Imports:StatementTimeoutSeconds must be from 1 to 86400 (seconds).")]
    public int StatementTimeoutSeconds { get; set; } = 600;
}
