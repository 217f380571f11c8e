namespace LandInventory.Import.Writing;

/// <summary>What one file's import did, or would do in a dry run.</summary>
public sealed record LayerResult(
    ImportLayer Layer, string File, string Crs, int Read, int Inserted, int Updated, int Unchanged, int Removed, int Rejected,
    IReadOnlyList<DiffEntry> Diff);

/// <summary>One feature's change: <c>added</c>, <c>changed</c> (with the GeoJSON names of the fields) or <c>removed</c>.</summary>
public sealed record DiffEntry(string Key, string Change, IReadOnlyList<string> Fields);
