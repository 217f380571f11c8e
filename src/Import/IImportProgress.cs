using LandInventory.Import.Writing;

namespace LandInventory.Import;

/// <summary>What a run tells its user as it goes: a progress bar on a terminal, plain lines otherwise.</summary>
public interface IImportProgress
{
    void Started(ImportLayer layer, string file, long length);

    void Advanced(long position);

    void Finished(LayerResult result);
}
