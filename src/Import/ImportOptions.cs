using LandInventory.Data.Spatial;

namespace LandInventory.Import;

/// <summary>How a run treats the inventory: upsert keeps what the file does not mention, replace removes it.</summary>
public enum ImportMode
{
    Upsert,
    Replace,
}

public static class ImportModes
{
    /// <summary>The mode as the command line and the API spell it: <c>upsert</c>, <c>replace</c>.</summary>
    public static string Name(this ImportMode mode) => mode.ToString().ToLowerInvariant();

    /// <summary>The mode of that name, if any.</summary>
    public static ImportMode? Parse(string name) =>
        Enum.GetValues<ImportMode>().Cast<ImportMode?>().FirstOrDefault(m => m!.Value.Name() == name);
}

/// <summary>
/// The options of one run; <paramref name="Crs"/> overrides what the files declare. <paramref name="Actor"/> is who the
/// feature history records (default <c>importer:{os user}</c>). Whose records the run may bring and change is explicit:
/// <paramref name="EveryBureau"/> (an admin's import, the operator's command line) or the one bureau
/// <paramref name="Steward"/> (a planner's); a run that names neither may change no bureau's records — the database
/// checks it (<see cref="Writing.LayerChecks.StewardScope"/>). A geometry that moved no more than
/// <paramref name="SurveyToleranceM"/> metres on the ground (default 1 cm) is unchanged: a round trip through a projected
/// system must not rewrite every boundary, its history and every cached answer about it.
/// </summary>
public sealed record ImportOptions(
    ImportMode Mode = ImportMode.Upsert, bool DryRun = false, bool SkipInvalid = false, CoordinateSystem? Crs = null,
    bool CollectDiff = false, string? Actor = null, string? Steward = null, bool EveryBureau = false,
    double SurveyToleranceM = ImportOptions.DefaultSurveyToleranceM, long MaxUnpackedBytes = ImportOptions.DefaultMaxUnpackedBytes)
{
    public const double DefaultSurveyToleranceM = 0.01;

    /// <summary>The most a zipped source may unpack to (a zip of a few MB can hold terabytes of zeros): 4 GiB.</summary>
    public const long DefaultMaxUnpackedBytes = 4L << 30;
}
