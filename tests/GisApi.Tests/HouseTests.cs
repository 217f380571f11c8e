using System.Xml.Linq;
using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests;

/// <summary>The house's rules that a build would not catch: what the web host may reference.</summary>
public sealed class HouseTests
{
    private static readonly string[] ConsoleOnly = ["System.CommandLine", "Spectre.Console", "LandInventory.Importer"];

    [Fact]
    public void WebHost_ShipsNoConsoleProgram_NorItsPackages()
    {
        // Mvc.Testing copies the web host's own dependency manifest beside the tests: what the host ships, and only that.
        var manifest = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "LandInventory.GisApi.deps.json"));

        Assert.Contains("LandInventory.Import/", manifest, StringComparison.Ordinal);
        foreach (var name in ConsoleOnly)
        {
            Assert.DoesNotContain($"\"{name}/", manifest, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(typeof(Program).Assembly.GetReferencedAssemblies(), a => ConsoleOnly.Contains(a.Name));
    }

    [Fact]
    public void EveryRefusal_HasItsClientErrorStatus_InTheOneTable()
    {
        var statuses = Enum.GetValues<Errors.Refusal>().Select(Errors.ErrorHandling.StatusOf).ToList();

        Assert.All(statuses, status => Assert.InRange(status, 400, 499));
        Assert.Equal(statuses.Count, statuses.Distinct().Count());
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/architecture.md")]
    [InlineData("docs/operations.md")]
    public void MarkdownTables_AreWhole_NoRowAfterABlankLine(string file)
    {
        // A blank line ends a Markdown table: a row after one renders as a paragraph of pipes, unless it heads a new table.
        var lines = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, file));
        var strays = lines.Select((line, i) => (line, i))
            .Where(l => l.line.StartsWith('|') && l.i > 0 && lines[l.i - 1].Trim().Length == 0
                && !(l.i + 1 < lines.Length && lines[l.i + 1].StartsWith("| ---", StringComparison.Ordinal)))
            .Select(l => $"{file}:{l.i + 1}: {l.line}");

        Assert.Empty(strays);
    }

    [Fact]
    public void WebHost_ReferencesLibrariesOnly()
    {
        var project = Path.Combine(RepositoryFiles.Root, "src", "GisApi", "GisApi.csproj");
        var references = XDocument.Load(project).Descendants("ProjectReference")
            .Select(r => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, r.Attribute("Include")!.Value.Replace('\\', '/'))))
            .ToList();

        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            var outputType = XDocument.Load(reference).Descendants("OutputType").Select(o => o.Value).FirstOrDefault();
            Assert.True(outputType is null or "Library", $"{reference} is a program ({outputType}): the web host references libraries only");
        }
    }
}
