using System.Text.Json;
using System.Text.Json.Serialization;
using LandInventory.Importer.Writing;

namespace LandInventory.Importer.Terminal;

/// <summary>The end of a run as a planner reads it (counts, problems, the dry run's diff) and as a script reads it (JSON).</summary>
public static class Summary
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void WriteCounts(TextWriter output, ImportResult result)
    {
        foreach (var r in result.Layers)
        {
            output.WriteLine(Line(r.Layer.Name(), r.Read, r.Inserted, r.Updated, r.Unchanged, r.Removed, r.Rejected));
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
                output.WriteLine($"{sign} {layer.Layer.Name()} {entry.Key} {entry.Change}{fields}");
            }
        }
    }

    public static void WriteProblems(TextWriter errors, ProblemLog problems)
    {
        foreach (var problem in problems.Kept)
        {
            errors.WriteLine($"invalid: {problem}");
        }

        if (problems.Total > problems.Kept.Count)
        {
            errors.WriteLine($"invalid: ... and {problems.Total - problems.Kept.Count} more problem(s)");
        }
    }

    public static async Task WriteReportAsync(string path, ImportRequest request, ImportResult result, CancellationToken ct)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, Report(request.DryRun, request.Mode, result), Json, ct);
    }

    /// <summary>The machine-readable report: the command line's <c>--report</c> file, the API's import job result.</summary>
    /// <paramref name="fileNamesOnly"/> leaves out the folders (a server's temporary paths are nobody's business).
    public static object Report(bool dryRun, ImportMode mode, ImportResult result, bool fileNamesOnly = false) =>
        new
        {
            written = result.Written,
            dryRun,
            mode,
            layers = result.Layers.Select(r => new
            {
                layer = r.Layer,
                file = fileNamesOnly ? Path.GetFileName(r.File) : r.File,
                crs = r.Crs,
                r.Read,
                r.Inserted,
                r.Updated,
                r.Unchanged,
                r.Removed,
                r.Rejected,
                changes = r.Diff,
            }),
            problemCount = result.Problems.Total,
            problems = fileNamesOnly ? result.Problems.Kept.Select(p => p with { File = Path.GetFileName(p.File) }).ToList() : result.Problems.Kept,
        };

    private static string Line(string name, int read, int inserted, int updated, int unchanged, int removed, int rejected) =>
        $"{name,-10} read {read,7}  inserted {inserted,7}  updated {updated,7}  unchanged {unchanged,7}  removed {removed,7}  rejected {rejected,7}";
}
