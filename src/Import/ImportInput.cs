using LandInventory.Data.Spatial;
using LandInventory.Import.Formats;
using LandInventory.Import.Mapping;

namespace LandInventory.Import;

/// <summary>
/// One input for one layer, however it arrived: a file on disk, an upload, a feature posted to the API. <see cref="Open"/>
/// may be called more than once: a legacy <c>crs</c> member that stands after the features is looked for in a first
/// pass. <see cref="Name"/> is what problems and the report call it (a path, an upload's file name).
/// </summary>
public sealed record ImportInput(string Name, ImportLayer Layer, Func<Stream> Open)
{
    /// <summary>Where the input lies on disk, when it does (GDAL reads files, not streams).</summary>
    public string? FilePath { get; init; }

    /// <summary>What the input is; GeoJSON is read directly, the others through GDAL (<see cref="SourceReader"/>).</summary>
    public SourceFormat Format { get; init; } = SourceFormat.GeoJson;

    /// <summary>How the input's fields become the layer's properties; none: they are its properties already.</summary>
    public FieldMapping? Mapping { get; init; }

    /// <summary>The table (GeoPackage) or layer of a source that holds several; none: the one there is, or the layer's name.</summary>
    public string? Table { get; init; }

    /// <summary>The system the source itself declares (a Shapefile's .prj, a GeoPackage's table); GeoJSON declares its own.</summary>
    internal CoordinateSystem? DeclaredCrs { get; init; }

    /// <summary>What becomes of each feature read before it is checked (a mapping, a format's own fields).</summary>
    internal FeatureRewrite? Rewrite { get; init; }

    public static ImportInput FromFile(string path, ImportLayer layer) =>
        new(path, layer, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, useAsync: true))
        {
            FilePath = path,
            Format = SourceFormats.FromName(path) ?? (File.Exists(path) ? SourceFormats.Sniff(path) : SourceFormat.GeoJson),
        };

    /// <summary>Bytes held in memory (a posted feature), read without a copy.</summary>
    public static ImportInput FromBytes(string name, ImportLayer layer, byte[] bytes) =>
        new(name, layer, () => new MemoryStream(bytes, writable: false));
}
