using System.Globalization;
using LandInventory.Data;
using LandInventory.GisApi.Words;

namespace LandInventory.GisApi.Matching;

/// <summary>
/// Puts a site's figure beside a requirement in figures and words, zh and en: "floor load 25 kN/m², 5 short of 30" /
/// "楼面承重 25 kN/m²，比要求的 30 低 5". The status comes from the SQL (the same test that ranked the site); this only
/// measures the gap and says it.
/// </summary>
public static class Explanation
{
    public const string Met = "met";
    public const string NearMiss = "nearMiss";
    public const string NotMet = "notMet";
    public const string Unstated = "unstated";

    public static string Status(int? code) => code switch { 2 => Met, 1 => NearMiss, 0 => NotMet, _ => Unstated };

    /// <summary>A status in words, for a spreadsheet's cell.</summary>
    public static string Words(string status, string lang) => (status, lang) switch
    {
        (Met, "zh") => "满足", (Met, _) => "met",
        (NearMiss, "zh") => "接近", (NearMiss, _) => "near miss",
        (NotMet, "zh") => "不满足", (NotMet, _) => "not met",
        (_, "zh") => "未注明", _ => "not stated",
    };

    /// <summary>A status as a sign a brochure's GB 2312 font has: √ met, ≈ near miss, × not met, ? not stated.</summary>
    public static string Mark(string status) => status switch { Met => "√", NearMiss => "≈", NotMet => "×", _ => "?" };

    public static CriterionFit Fit(Requirement r, string status, string? value)
    {
        var label = Label(r);
        if (value is null)
        {
            return new CriterionFit(r.Criterion.Name, r.Kind, r.Must, Unstated, null, null, null,
                new Bilingual($"未注明{label.Zh}", $"{label.En} not stated"));
        }

        return r.Criterion.Shape switch
        {
            CriterionShape.Values => Values(r, status, value, label),
            CriterionShape.Date => Date(r, status, DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
            _ => Figure(r, status, r.InUnit(double.Parse(value, CultureInfo.InvariantCulture)), label),
        };
    }

    /// <summary>The words of "n more sites if …" for the sites one requirement away.</summary>
    public static Bilingual Relaxation(Requirement r, long sites, long unstated, Relaxed? relaxed)
    {
        var label = Label(r);
        var (zh, en) = ("", "");
        if (relaxed is not null && sites > unstated)
        {
            var n = sites - unstated;
            var unit = UnitWords(r);
            (zh, en) = r.Criterion.Shape switch
            {
                CriterionShape.Values => ($"若{label.Zh}也接受{Join(relaxed.Values!, "zh")}，还有 {n} 处",
                    $"{n} more {Sites(n)} if {label.En} included {Join(relaxed.Values!, "en")}"),
                CriterionShape.Date => ($"若可用日期放宽到 {relaxed.Date}，还有 {n} 处", $"{n} more {Sites(n)} if available by {relaxed.Date}"),
                CriterionShape.Near or CriterionShape.NearPoint => ($"若{(r.Kind is null ? "与指定地点的距离" : label.Zh)}放宽到 {Number(relaxed.Max)} {unit.Zh}以内，还有 {n} 处",
                    $"{n} more {Sites(n)} if {(r.Kind is null ? "the point" : label.En)} could be {Number(relaxed.Max)} {unit.En} away"),
                _ when relaxed.Min is not null && relaxed.Max is not null => (
                    $"若{label.Zh}放宽到 {Number(relaxed.Min)}–{Number(relaxed.Max)} {unit.Zh}，还有 {n} 处",
                    $"{n} more {Sites(n)} if {label.En} were {Number(relaxed.Min)}–{Number(relaxed.Max)} {unit.En}"),
                _ => ($"若{label.Zh}放宽到 {Number(relaxed.Min ?? relaxed.Max)} {unit.Zh}，还有 {n} 处",
                    $"{n} more {Sites(n)} if {label.En} were {Number(relaxed.Min ?? relaxed.Max)} {unit.En}"),
            };
        }

        if (unstated > 0)
        {
            zh += (zh.Length > 0 ? "；" : "") + $"另有 {unstated} 处未注明{label.Zh}";
            en += (en.Length > 0 ? "; " : "") + $"{unstated} more {Sites(unstated)} do not state {label.En}";
        }

        return new Bilingual(zh, en);
    }

    /// <summary>The criterion in words; for a distance, the kind of place ("metro station").</summary>
    public static Bilingual Label(Requirement r) => r.Kind is { } kind
        ? new Bilingual($"最近的{ValueWords.Of(kind).Zh}", $"the nearest {ValueWords.Of(kind).En.ToLowerInvariant()}")
        : r.Criterion.Words;

    public static Bilingual UnitWords(Requirement r) => r.Unit?.Words ?? new Bilingual("", "");

    public static string Number(double? n) => n?.ToString("#,##0.##", CultureInfo.InvariantCulture) ?? "";

    private static CriterionFit Figure(Requirement r, string status, double figure, Bilingual label)
    {
        var unit = UnitWords(r);
        // Which side it misses on is decided before rounding (11.99998 mu misses "at least 12" though it shows as 12).
        var below = r.Min is { } low && figure < low;
        figure = Round(r, figure);
        var shown = $"{Number(figure)} {unit.En}".TrimEnd();
        var shownZh = $"{Number(figure)} {unit.Zh}".TrimEnd();
        var distance = r.Criterion.Shape is CriterionShape.Near or CriterionShape.NearPoint;
        var (prefixZh, prefixEn) = distance
            ? (r.Kind is null ? "距指定地点" : $"距{label.Zh}", r.Kind is null ? "the point at" : label.En)
            : (label.Zh, label.En);
        double? shortfall = null;
        Bilingual text;
        if (status == Met)
        {
            text = new Bilingual($"{prefixZh} {shownZh}（要求{Bounds(r, "zh")}）", $"{prefixEn} {shown} ({Bounds(r, "en")})");
        }
        else if (below || r.Max is null)
        {
            var min = r.Min ?? figure;
            shortfall = Round(r, min - figure);
            text = new Bilingual($"{prefixZh} {shownZh}，比要求的 {Number(min)} 低 {Number(shortfall)}",
                $"{prefixEn} {shown}, {Number(shortfall)} short of {Number(min)}");
        }
        else
        {
            var max = r.Max!.Value;
            shortfall = Round(r, figure - max);
            text = distance
                ? new Bilingual($"{prefixZh} {shownZh}，比要求的 {Number(max)} {unit.Zh} 远 {Number(shortfall)} {unit.Zh}",
                    $"{prefixEn} {shown}, {Number(shortfall)} {unit.En} beyond {Number(max)} {unit.En}")
                : new Bilingual($"{prefixZh} {shownZh}，比要求的 {Number(max)} 高 {Number(shortfall)}",
                    $"{prefixEn} {shown}, {Number(shortfall)} over {Number(max)}");
        }

        return new CriterionFit(r.Criterion.Name, r.Kind, r.Must, status, figure, r.Unit?.Name, shortfall, text);
    }

    private static CriterionFit Date(Requirement r, string status, DateOnly date)
    {
        var wanted = r.Date!.Value;
        var (d, w) = (date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), wanted.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (status == Met)
        {
            return new CriterionFit(r.Criterion.Name, null, r.Must, status, d, null, null,
                new Bilingual($"{d} 起可用（要求 {w} 前）", $"available from {d} (wanted by {w})"));
        }

        var days = date.DayNumber - wanted.DayNumber;
        return new CriterionFit(r.Criterion.Name, null, r.Must, status, d, "days", days,
            new Bilingual($"{d} 起可用，比要求的 {w} 晚 {days} 天", $"available from {d}, {days} days after {w}"));
    }

    private static CriterionFit Values(Requirement r, string status, string value, Bilingual label)
    {
        var has = value.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => r.Criterion.Values is null ? v : EnumNames.OfLabel(v)).ToList();
        var text = status == Met
            ? new Bilingual($"{label.Zh}：{Join(has, "zh")}", $"{label.En}: {Join(has, "en")}")
            : new Bilingual($"{label.Zh}：{(has.Count == 0 ? "无" : Join(has, "zh"))}（要求：{Join(r.Values, "zh")}）",
                $"{label.En}: {(has.Count == 0 ? "none" : Join(has, "en"))} (wanted: {Join(r.Values, "en")})");
        return new CriterionFit(r.Criterion.Name, null, r.Must, status, has, null, null, text);
    }

    private static string Bounds(Requirement r, string lang)
    {
        var unit = UnitWords(r).In(lang);
        var distance = r.Criterion.Shape is CriterionShape.Near or CriterionShape.NearPoint;
        return (r.Min, r.Max, lang) switch
        {
            ({ } min, { } max, "zh") => $" {Number(min)}–{Number(max)} {unit}",
            ({ } min, { } max, _) => $"{Number(min)}–{Number(max)} {unit}",
            ({ } min, null, "zh") => $"不低于 {Number(min)} {unit}",
            ({ } min, null, _) => $"at least {Number(min)} {unit}",
            (null, var max, "zh") => distance ? $" {Number(max)} {unit}以内" : $"不高于 {Number(max)} {unit}",
            (null, var max, _) => distance ? $"within {Number(max)} {unit}" : $"at most {Number(max)} {unit}",
        };
    }

    /// <summary>Figures to the hundredth; a distance in metres to the metre (the places are not surveyed finer).</summary>
    public static double Round(Requirement r, double value) =>
        r.Unit?.Name == "m" ? Math.Round(value) : Math.Round(value, 2);

    private static string Join(IEnumerable<string> values, string lang) =>
        string.Join(lang == "zh" ? "、" : ", ", values.Select(v => ValueWords.Of(v).In(lang)));

    private static string Sites(long n) => n == 1 ? "site" : "sites";
}
