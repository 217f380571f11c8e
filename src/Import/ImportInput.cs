namespace LandInventory.Import;

/// <summary>
/// One input for one layer, however it arrived: a file on disk, an upload, a feature posted to the API. <see cref="Open"/>
/// may be called more than once: a legacy <c>crs</c> member that stands after the features is looked for in a first
/// pass. <see cref="Name"/> is what problems and the report call it (a path, an upload's file name).
/// </summary>
public sealed record ImportInput(string Name, ImportLayer Layer, Func<Stream> Open)
{
    public static ImportInput FromFile(string path, ImportLayer layer) =>
        new(path, layer, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, useAsync: true));

    /// <summary>Bytes held in memory (a posted feature), read without a copy.</summary>
    public static ImportInput FromBytes(string name, ImportLayer layer, byte[] bytes) =>
        new(name, layer, () => new MemoryStream(bytes, writable: false));
}
