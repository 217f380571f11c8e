using System.Text.Json;
using LandInventory.Import;

namespace LandInventory.Importer.Terminal;

/// <summary>The end of a run as a planner reads it (counts, problems, the dry run's diff) and as a script reads it (the JSON report).</summary>
public static class Summary
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
    };

    public static void WriteCounts(TextWriter output, ImportResult result)
    {
        foreach (var r in result.Layers)
        {
            output.WriteLine(Line(r.Layer.Name, r.Read, r.Inserted, r.Updated, r.Unchanged, r.Removed, r.Rejected));
        }

        var all = result.Layers;
        output.WriteLine(Line("total", all.Sum(r => r.Read), all.Sum(r => r.Inserted), all.Sum(r => r.Updated),
            all.Sum(r => r.Unchanged), all.Sum(r => r.Removed), all.Sum(r => r.Rejected)));
    }

    public static void WriteDiff(TextWriter output, ImportResult result)
    {
        foreach (var layer in result.Layers)
        {
            foreach (var entry in layer.Diff)
            {
                var sign = entry.Change switch { "added" => "+", "removed" => "-", _ => "~" };
                var fields = entry.Fields.Count > 0 ? $": {string.Join(", ", entry.Fields)}" : "";
                output.WriteLine($"{sign} {layer.Layer.Name} {entry.Key} {entry.Change}{fields}");
            }
        }
    }

    public static void WriteProblems(TextWriter errors, ProblemLog problems)
    {
        foreach (var problem in problems.Kept)
        {
            errors.WriteLine($"invalid: {Path.GetFileName(problem.File)}: {problem.Describe(crs => $"pass --crs {crs}")}");
        }

        if (problems.Total > problems.Kept.Count)
        {
            errors.WriteLine($"invalid: ... and {problems.Total - problems.Kept.Count} more problem(s)");
        }
    }

    public static async Task WriteReportAsync(string path, ImportReport report, CancellationToken ct)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, report, Json, ct);
    }

    private static string Line(string name, int read, int inserted, int updated, int unchanged, int removed, int rejected) =>
        $"{name,-10} read {read,7}  inserted {inserted,7}  updated {updated,7}  unchanged {unchanged,7}  removed {removed,7}  rejected {rejected,7}";
}
