using LandInventory.Import;
using LandInventory.Import.Writing;
using Spectre.Console;

namespace LandInventory.Importer.Terminal;

/// <summary>A progress bar per file on a terminal, by bytes read.</summary>
public sealed class BarProgress(ProgressContext context) : IImportProgress
{
    private ProgressTask? _task;

    public void Started(ImportLayer layer, string file, long length) =>
        _task = context.AddTask($"{layer.Name} ({Markup.Escape(Path.GetFileName(file))})", maxValue: Math.Max(length, 1));

    public void Advanced(long position)
    {
        if (_task is not null)
        {
            _task.Value = position;
        }
    }

    public void Finished(LayerResult result)
    {
        if (_task is not null)
        {
            _task.Value = _task.MaxValue;
            _task.StopTask();
        }
    }
}
