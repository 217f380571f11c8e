using System.Globalization;
using LandInventory.Import;
using LandInventory.Import.Writing;

namespace LandInventory.Importer.Terminal;

/// <summary>Progress as plain lines, for logs and pipes: one when a file starts, one when it is done.</summary>
public sealed class PlainProgress(TextWriter output) : IImportProgress
{
    public void Started(ImportLayer layer, string file, long length) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{layer.Name}: reading {Path.GetFileName(file)} ({length / 1024.0 / 1024.0:F1} MB)"));

    public void Advanced(long position)
    {
    }

    public void Finished(LayerResult result) =>
        output.WriteLine($"{result.Layer.Name}: {result.Read} features read in {result.Crs}");
}
