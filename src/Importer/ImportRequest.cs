using LandInventory.Import;

namespace LandInventory.Importer;

/// <summary>The command line, parsed: what to import, how, and where.</summary>
public sealed record ImportRequest(
    string Path,
    ImportLayer? Layer = null,
    string? Crs = null,
    bool DryRun = false,
    ImportMode Mode = ImportMode.Upsert,
    bool SkipInvalid = false,
    string? ReportPath = null,
    string? Connection = null,
    double SurveyToleranceM = ImportOptions.DefaultSurveyToleranceM,
    string? Format = null,
    string? Mapping = null,
    string? Table = null);
