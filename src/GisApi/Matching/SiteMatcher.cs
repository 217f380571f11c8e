using System.Globalization;
using LandInventory.Data;
using LandInventory.GisApi.Places;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LandInventory.GisApi.Matching;

/// <summary>
/// Runs a match: the ranking (hard requirements filter in SQL, soft ones score), the page's figures and nearest places,
/// and the sites one hard requirement away. The fit score, documented in docs/site-selection.md: 100 × the weighted
/// share of soft requirements met, a near miss counting half; 100 when there are no soft requirements; ties by layer
/// and code.
/// </summary>
public static class SiteMatcher
{
    public const int Examples = 10;

    public static async Task<MatchAnswer> RunAsync(InventoryDbContext db, MatchQuery query, string basePath, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var sql = new MatchSql(query, await MatchSql.PlacesAsync((NpgsqlConnection)db.Database.GetDbConnection(), query, ct));
            var ranked = await RankAsync(db, sql, query, ct);
            var matched = ranked.FirstOrDefault()?.Matched
                ?? (ranked.Count < query.Limit && (ranked.Count > 0 || query.Offset == 0) ? query.Offset + ranked.Count
                    : Convert.ToInt64(await ScalarAsync(db, sql, sql.Count, ct), CultureInfo.InvariantCulture));
            var figures = new Dictionary<(string, string), (string NameZh, string NameEn, string Steward, string?[] Values)>();
            var places = new Dictionary<string, ILookup<string, NearPlace>>();
            foreach (var layer in sql.Layers)
            {
                var codes = ranked.Where(r => r.Layer == layer.Id).Select(r => r.Code).ToArray();
                if (codes.Length == 0)
                {
                    continue;
                }

                await foreach (var row in FiguresAsync(db, sql, layer, codes, query.Requirements.Count, ct))
                {
                    figures[(layer.Id, row.Code)] = (row.NameZh, row.NameEn, row.Steward, row.Values);
                }

                places[layer.Id] = await NearestPlaces.ForAsync(db, layer.Id, codes, ct);
            }

            var link = MatchForm.Write(query);
            // A site deleted between the ranking and its figures is left out of the page rather than failing it.
            var matches = ranked.Where(r => figures.ContainsKey((r.Layer, r.Code))).Select((r, n) =>
            {
                var f = figures[(r.Layer, r.Code)];
                var fits = query.Requirements.Select((q, i) =>
                    Explanation.Fit(q, q.Must ? Explanation.Met : Explanation.Status(r.Statuses[i]), f.Values[i])).ToList();
                return new SiteMatch(query.Offset + n + 1, r.Layer, r.Code, f.NameZh, f.NameEn, f.Steward, r.Score, fits,
                    places[r.Layer][r.Code].OrderBy(p => p.Kind, StringComparer.Ordinal).ToList(),
                    [new("item", $"{basePath}/ogc/collections/{r.Layer}/items/{Uri.EscapeDataString(r.Code)}", "application/geo+json")]);
            }).ToList();
            var oneAway = query.Hard.Any() ? await OneAwayAsync(db, sql, query, ct) : [];
            return new MatchAnswer(query.Space, link, matched, matches.Count, matches, oneAway,
                [new("self", $"{basePath}/match?{link}", "application/json", "This match again")]);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// How each site of a search's first <see cref="MatchQuery.MaxLimit"/> meets each requirement, by <c>layer/code</c>: a
    /// mark (<see cref="Explanation.Mark"/>) and the words — for a shortlist's brochure. A site absent meets not every hard requirement.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<(string Mark, string Text)>>> FitsAsync(
        InventoryDbContext db, string form, string basePath, string lang, CancellationToken ct)
    {
        var errors = new List<Errors.FieldError>();
        var written = MatchForm.Read(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(form)), errors);
        var query = await MatchEndpoints.ReadAsync(written with { Limit = MatchQuery.MaxLimit, Offset = 0 }, errors, db, ct);
        var answer = await RunAsync(db, query, basePath, ct);
        return answer.Matches.ToDictionary(m => $"{m.Layer}/{m.Code}", m => (IReadOnlyList<(string, string)>)m.Criteria
            .Select(c => (Explanation.Mark(c.Status), c.Text.In(lang))).ToList());
    }

    private sealed record Ranked(string Layer, string Code, double Score, long? Matched, int?[] Statuses);

    private static async Task<List<Ranked>> RankAsync(InventoryDbContext db, MatchSql sql, MatchQuery query, CancellationToken ct)
    {
        var soft = Enumerable.Range(0, query.Requirements.Count).Where(i => !query.Requirements[i].Must).ToList();
        var ranked = new List<Ranked>();
        await using var command = Command(db, sql, sql.Ranking);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var statuses = new int?[query.Requirements.Count];
            for (var k = 0; k < soft.Count; k++)
            {
                statuses[soft[k]] = await reader.IsDBNullAsync(4 + k, ct) ? null : reader.GetInt16(4 + k);
            }

            ranked.Add(new Ranked(reader.GetString(0), reader.GetString(1), reader.GetDouble(2),
                await reader.IsDBNullAsync(3, ct) ? null : reader.GetInt64(3), statuses));
        }

        return ranked;
    }

    private static async IAsyncEnumerable<(string Code, string NameZh, string NameEn, string Steward, string?[] Values)> FiguresAsync(
        InventoryDbContext db, MatchSql sql, InventoryLayer layer, string[] codes, int count,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = Command(db, sql, sql.Values(layer));
        command.Parameters.Add(new NpgsqlParameter("codes", codes));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var values = new string?[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = await reader.IsDBNullAsync(4 + i, ct) ? null : reader.GetString(4 + i);
            }

            yield return (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), values);
        }
    }

    private static async Task<List<OneAway>> OneAwayAsync(InventoryDbContext db, MatchSql sql, MatchQuery query, CancellationToken ct)
    {
        var found = new List<OneAway>();
        await using var command = Command(db, sql, sql.OneAway);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var r = query.Requirements[reader.GetInt32(0)];
            var (sites, known) = (reader.GetInt64(1), reader.GetInt64(2));
            if (sites == 0)
            {
                continue;
            }

            double? low = await reader.IsDBNullAsync(3, ct) ? null : reader.GetDouble(3);
            double? high = await reader.IsDBNullAsync(4, ct) ? null : reader.GetDouble(4);
            var values = await reader.IsDBNullAsync(5, ct) ? [] : reader.GetString(5).Split(',', StringSplitOptions.RemoveEmptyEntries);
            var relaxed = known == 0 ? null : Relax(r, low, high, values);
            found.Add(new OneAway(r.Criterion.Name, r.Kind, sites, sites - known, relaxed ?? new Relaxed(null, null, null, null, null), reader.GetFieldValue<string[]>(6),
                Explanation.Relaxation(r, sites, sites - known, relaxed)));
        }

        return found;
    }

    /// <summary>What the requirement would have to be to take in every site it alone keeps out, rounded outwards.</summary>
    private static Relaxed Relax(Requirement r, double? low, double? high, string[] values) => r.Criterion.Shape switch
    {
        CriterionShape.Values => new Relaxed(null, null, null,
            values.Select(v => r.Criterion.Values is null ? v : EnumNames.OfLabel(v)).Except(r.Values).Distinct().Order(StringComparer.Ordinal).ToList(), null),
        CriterionShape.Date => new Relaxed(null, null,
            DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + (int)high!.Value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, null),
        CriterionShape.Range => new Relaxed(
            r.Min is { } min && low is { } l && r.InUnit(l) < min ? Math.Floor(r.InUnit(l) * 100) / 100 : r.Min,
            r.Max is { } max && high is { } h && r.InUnit(h) > max ? Math.Ceiling(r.InUnit(h) * 100) / 100 : r.Max, null, null, r.Unit?.Name),
        _ => new Relaxed(null, r.Unit?.Name == "m" ? Math.Ceiling(high!.Value) : Math.Ceiling(r.InUnit(high!.Value) * 100) / 100, null, null, r.Unit?.Name),
    };

    private static async Task<object?> ScalarAsync(InventoryDbContext db, MatchSql sql, string text, CancellationToken ct)
    {
        await using var command = Command(db, sql, text);
        return await command.ExecuteScalarAsync(ct);
    }

    private static NpgsqlCommand Command(InventoryDbContext db, MatchSql sql, string text)
    {
        var command = (NpgsqlCommand)db.Database.GetDbConnection().CreateCommand();
        command.CommandText = text;
        command.Parameters.AddRange(sql.Parameters.Select(p => p.Clone()).ToArray());
        return command;
    }
}
