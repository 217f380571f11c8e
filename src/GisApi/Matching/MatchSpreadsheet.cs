using LandInventory.Data;
using LandInventory.GisApi.Sites;
using LandInventory.GisApi.Words;

namespace LandInventory.GisApi.Matching;

/// <summary>
/// A match's answer as an XLSX workbook: the ranked sites with each requirement's figure (a number, its unit in the
/// header) and status, then every figure of the sites, a sheet per layer.
/// </summary>
public static class MatchSpreadsheet
{
    public static async Task<BytesResult> BuildAsync(InventoryDbContext db, MatchQuery query, MatchAnswer answer, string lang, CancellationToken ct)
    {
        string W(string zh, string en) => lang == "zh" ? zh : en;
        var headers = new List<string> { W("排名", "Rank"), W("图层", "Layer"), W("编号", "Code"), W("名称", "Name"), W("匹配度 (0–100)", "Fit (0–100)") };
        foreach (var r in query.Requirements)
        {
            var label = Explanation.Label(r).In(lang);
            var unit = r.Criterion.Shape == CriterionShape.Date ? null : r.Unit?.Words.In(lang);
            headers.Add(unit is null ? label : $"{label} ({unit})");
            headers.Add($"{label}: {W("结果", "result")}");
        }

        var rows = answer.Matches.Select(m => (IReadOnlyList<object?>)new object?[]
        {
            m.Rank, ValueWords.Of(m.Layer).In(lang), m.Code, lang == "zh" ? m.NameZh : m.NameEn, m.Score,
        }.Concat(m.Criteria.SelectMany(c => new[]
        {
            c.Value switch { IEnumerable<string> values => string.Join(", ", values.Select(v => ValueWords.Of(v).In(lang))), var v => v },
            (object?)Explanation.Words(c.Status, lang),
        })).ToList()).ToList();
        var sites = await SiteSheet.LoadManyAsync(db, answer.Matches.Select(m => (m.Layer, m.Code)), drawn: false, ct);

        var tables = new[] { new Spreadsheet.Table(W("匹配结果", "Matches"), headers, rows) }
            .Concat(sites.GroupBy(s => s.Layer).Select(g => Spreadsheet.Sites(g.Key, g.ToList(), lang)));
        return new BytesResult(Spreadsheet.Workbook(tables), Spreadsheet.ContentType, $"matches-{lang}.xlsx");
    }
}
