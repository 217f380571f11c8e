using LandInventory.Import;
using System.Globalization;
using System.Text.RegularExpressions;

namespace LandInventory.Importer.Tests;

/// <summary>One line of the importer's summary, read back: <c>parcels read 21 inserted 0 updated 1 ...</c>.</summary>
public sealed partial record Counts(int Read, int Inserted, int Updated, int Unchanged, int Removed, int Rejected)
{
    public static Counts Of(string output, string layer)
    {
        var match = Line().Matches(output).SingleOrDefault(m => m.Groups["layer"].Value == layer)
                    ?? throw new InvalidOperationException($"no summary line for {layer} in:\n{output}");
        int N(string name) => int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        return new Counts(N("read"), N("inserted"), N("updated"), N("unchanged"), N("removed"), N("rejected"));
    }

    [GeneratedRegex(@"^(?<layer>\w+)\s+read\s+(?<read>\d+)\s+inserted\s+(?<inserted>\d+)\s+updated\s+(?<updated>\d+)\s+unchanged\s+(?<unchanged>\d+)\s+removed\s+(?<removed>\d+)\s+rejected\s+(?<rejected>\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Line();
}
