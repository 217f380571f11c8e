using System.Globalization;

namespace LandInventory.GisApi.Tests.Matching;

/// <summary>
/// A distance is decided in plane degrees where that is sure and on the spheroid otherwise: at a bound a few centimetres
/// either side of every site's own distance — where only the exact test can tell — the match keeps exactly the sites
/// PostGIS measures within it, whether the distance drives the match (alone) or filters what another criterion picked
/// (with a size), hard or soft.
/// </summary>
public sealed class MatchDistanceTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    [Theory]
    [InlineData("land", "metroStation", "metro_station")]
    [InlineData("land", "school", "school")]
    [InlineData("floor", "expresswayEntrance", "expressway_entrance")]
    [InlineData("floor", "hospital", "hospital")]
    public async Task AtABoundBesideEverySitesDistance_TheMatchKeepsWhatPostGisMeasuresWithinIt(string space, string kind, string label)
    {
        var distances = (await MatchApi.ColumnAsync(api.Database, $"""
            SELECT s.layer || '/' || s.code || '=' || (SELECT min(ST_Distance(p.location::geography, s.geom::geography))
                                                       FROM places p WHERE p.kind = '{label}')
            FROM ({(space == "land" ? MatchApi.LandSites : MatchApi.FloorSites)}) s ORDER BY 1
            """)).Select(Split).ToList();
        Assert.True(distances.Count > 10, "the zone's sites of the space");
        var client = api.Factory.CreateClient();
        var wrong = new List<string>();
        foreach (var bound in distances.Select(d => d.Distance).Where(d => d > 1).SelectMany(d => new[] { d - 0.05, d + 0.05 }))
        {
            var within = distances.Where(d => d.Distance <= bound).Select(d => d.Site).ToHashSet();
            var metres = bound.ToString("0.00", CultureInfo.InvariantCulture);
            foreach (var form in new[] { $"near={kind}:{metres}", $"size=1..&near={kind}:{metres}" })
            {
                var kept = MatchApi.Sites(await MatchApi.GetAsync(client, $"space={space}&{form}&limit=200")).ToHashSet();
                if (!kept.SetEquals(within))
                {
                    wrong.Add($"{form}: kept {string.Join(", ", kept.Except(within))} beyond, left {string.Join(", ", within.Except(kept))} within");
                }
            }

            // Soft: met within the bound, a near miss within a fifth more, else not met.
            var answer = await MatchApi.GetAsync(client, $"space={space}&size=1..&near={kind}:{metres};soft&limit=200");
            foreach (var match in answer.GetProperty("matches").EnumerateArray())
            {
                var site = $"{match.GetProperty("layer").GetString()}/{match.GetProperty("code").GetString()}";
                var distance = distances.Single(d => d.Site == site).Distance;
                var expected = distance <= bound ? "met" : distance <= bound * 1.2 ? "nearMiss" : "notMet";
                var status = match.GetProperty("criteria")[1].GetProperty("status").GetString();
                if (status != expected)
                {
                    wrong.Add($"soft {metres} m: {site} at {distance:0.00} m is {status}, not {expected}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static (string Site, double Distance) Split(string row) =>
        (row[..row.LastIndexOf('=')], double.Parse(row[(row.LastIndexOf('=') + 1)..], CultureInfo.InvariantCulture));
}
