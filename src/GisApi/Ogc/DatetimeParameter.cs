using System.Globalization;
using LandInventory.GisApi.Ogc.Cql2;

namespace LandInventory.GisApi.Ogc;

/// <summary>
/// OGC API – Features Part 1's <c>datetime</c>: an instant or an interval, bounded or half-bounded (<c>..</c> or nothing
/// for an open end), selecting the features whose temporal property — a date, the day a site is available from — lies
/// in it; the bounds are inclusive. A bound is read as the calendar date it is written with (a time of day and offset
/// do not move it to another day), so <c>2025-06-01/..</c> selects what <c>availableFrom &gt;= DATE('2025-06-01')</c>
/// does — which is what QGIS 3.22 sends for that filter on a date field, writing its open ends as
/// <c>9999-12-31T00:00:00Z</c> and <c>0000-01-01T00:00:00Z</c>; the year 0000 is read as an open start. Features
/// without the date do not match. A collection without a temporal property has every feature match.
/// </summary>
public static class DatetimeParameter
{
    public const string Name = "datetime";

    /// <summary>The conditions <c>datetime</c> puts on a layer's temporal property, or why the value is refused.</summary>
    public static (IReadOnlyList<Cql2Node> Conditions, string? Error) Conditions(string value, string? temporal)
    {
        var parts = value.Split('/');
        if (parts.Length > 2)
        {
            return ([], Refused(value));
        }

        var interval = parts.Length == 2;
        var (from, fromOk) = Bound(parts[0], open: interval, start: true);
        var (to, toOk) = interval ? Bound(parts[1], open: true, start: false) : (from, fromOk);
        if (!fromOk || !toOk || (from is null && to is null))
        {
            return ([], Refused(value));
        }

        if (from > to)
        {
            return ([], $"{Name}: '{value}' ends before it starts");
        }

        if (temporal is null)
        {
            return ([], null);
        }

        var conditions = new List<Cql2Node>();
        conditions.Add(from is { } start ? new Comparison(temporal, ">=", start) : new Negation(new IsNull(temporal)));
        if (to is { } end)
        {
            conditions.Add(new Comparison(temporal, "<=", end));
        }

        return (conditions, null);
    }

    /// <summary>
    /// A bound's calendar date; null for an open end (in an interval: nothing, <c>..</c>, or a start in the year 0000,
    /// which .NET cannot represent and is checked as another year); false when it is no RFC 3339 date or date-time.
    /// </summary>
    private static (DateOnly? Date, bool Ok) Bound(string text, bool open, bool start)
    {
        if (open && text is "" or "..")
        {
            return (null, true);
        }

        var yearZero = open && start && text.StartsWith("0000-", StringComparison.Ordinal);
        return Rfc3339.Date(yearZero ? "2000" + text[4..] : text) is { } date ? (yearZero ? null : date, true) : (null, false);
    }

    private static string Refused(string value) =>
        $"{Name}: '{value}' is not an RFC 3339 date or date-time, nor an interval of them (2025-06-01/.., ../2025-12-31, "
        + "2025-06-01/2025-12-31); it selects by the day a site is available from. To read a layer as it was at an instant, "
        + $"use {AsOfParameter.Name}=2026-11-27T08:00:00Z";
}

/// <summary>
/// <c>asOf</c>, this API's own parameter: the layer as it was at that instant (RFC 3339, with its offset), rebuilt from
/// the feature history.
/// </summary>
public static class AsOfParameter
{
    public const string Name = "asOf";

    public static (DateTimeOffset? AsOf, string? Error) Parse(IQueryCollection query)
    {
        if (!query.TryGetValue(Name, out var text))
        {
            return (null, null);
        }

        var value = text.ToString();
        return Rfc3339.Instant(value) is { } instant
            ? (instant, null)
            : (null, $"{Name}: '{value}' is not an RFC 3339 instant with its offset (2026-11-27T08:00:00Z): the layer is read "
                     + "as it was at one instant");
    }
}

/// <summary>RFC 3339 as the parameters take it: a date-time names its offset (<c>Z</c> or <c>±hh:mm</c>); a date is <c>yyyy-mm-dd</c>.</summary>
public static class Rfc3339
{
    /// <summary>The instant of a date-time with its offset; null for anything else.</summary>
    public static DateTimeOffset? Instant(string text) =>
        text.Length > 10 && text[10] is 'T' or 't'
        && (text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > 10)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? instant
            : null;

    /// <summary>The calendar date a date, or a date-time with its offset, is written with; null for anything else.</summary>
    public static DateOnly? Date(string text) =>
        text.Length >= 10 && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
        && (text.Length == 10 || Instant(text) is not null)
            ? date
            : null;
}
