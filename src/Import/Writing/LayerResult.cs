using System.Text.Json;

namespace LandInventory.Import.Writing;

/// <summary>What one file's import did, or would do in a dry run.</summary>
public sealed record LayerResult(
    ImportLayer Layer, string File, string Crs, int Read, int Inserted, int Updated, int Unchanged, int Removed, int Rejected,
    IReadOnlyList<DiffEntry> Diff);

/// <summary>
/// One feature's change: <c>added</c>, <c>changed</c> (with the GeoJSON names of the fields and each field's old and new
/// value) or <c>removed</c>; <paramref name="Shape"/> is its geometry as GeoJSON — the new one, or for a removed feature
/// the one it had.
/// </summary>
public sealed record DiffEntry(string Key, string Change, IReadOnlyList<string> Fields, IReadOnlyList<FieldChange> Changes, JsonElement? Shape);

/// <summary>A field's value before and after, as the API writes them (enumerations by their API names, geometries as GeoJSON).</summary>
public sealed record FieldChange(string Field, JsonElement Old, JsonElement New);
