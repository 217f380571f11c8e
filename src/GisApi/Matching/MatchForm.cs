using System.Globalization;
using System.Text;
using LandInventory.GisApi.Errors;
using Microsoft.Extensions.Primitives;

namespace LandInventory.GisApi.Matching;

/// <summary>
/// The GET form of a match, for links that can be shared: <c>space</c>, <c>limit</c>, <c>offset</c>, and one parameter
/// per requirement, named by its criterion, whose value is the requirement and then options after semicolons:
/// <c>size=8000..12000</c>, <c>floorLoad=30..</c>, <c>rent=..25;soft;weight=2</c>, <c>size=12..18;unit=mu</c>,
/// <c>industry=newEnergyVehicles,advancedEquipment</c>, <c>availableBy=2027-03-01</c>, <c>near=metroStation:1;unit=km</c>,
/// <c>nearPoint=104.25,30.58:3000</c>. <see cref="Write"/> turns a query back into this form.
/// </summary>
public static class MatchForm
{
    private static readonly string[] Paging = ["space", "limit", "offset"];

    public static (string? Space, List<WrittenRequirement> Written, int? Limit, int? Offset) Read(IQueryCollection query, List<FieldError> errors)
    {
        var written = new List<WrittenRequirement>();
        foreach (var (name, values) in query.Where(q => !Paging.Contains(q.Key)))
        {
            foreach (var value in values)
            {
                written.Add(Requirement(name, value ?? "", errors));
            }
        }

        return (Single(query, "space"), written, Whole(query, "limit", errors), Whole(query, "offset", errors));
    }

    /// <summary>The query string (without <c>?</c>) that asks for <paramref name="query"/> again.</summary>
    public static string Write(MatchQuery query)
    {
        var parts = new List<string> { $"space={query.Space}" };
        foreach (var r in query.Requirements)
        {
            var value = r.Criterion.Shape switch
            {
                CriterionShape.Range => $"{Number(r.Min)}..{Number(r.Max)}",
                CriterionShape.Date => r.Date!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                CriterionShape.Values => string.Join(',', r.Values),
                CriterionShape.Near => $"{r.Kind}:{Number(r.Max)}",
                _ => $"{Number(r.Lon)},{Number(r.Lat)}:{Number(r.Max)}",
            };
            var options = new StringBuilder(value);
            if (r.Unit is { } unit && unit != r.Criterion.Units[0])
            {
                options.Append(";unit=").Append(unit.Name);
            }

            if (!r.Must)
            {
                options.Append(";soft");
                if (r.Weight != 1)
                {
                    options.Append(";weight=").Append(Number(r.Weight));
                }
            }

            parts.Add($"{r.Criterion.Name}={Escape(options.ToString())}");
        }

        if (query.Limit != MatchQuery.DefaultLimit)
        {
            parts.Add($"limit={query.Limit}");
        }

        if (query.Offset != 0)
        {
            parts.Add($"offset={query.Offset}");
        }

        return string.Join('&', parts);
    }

    private static WrittenRequirement Requirement(string name, string text, List<FieldError> errors)
    {
        var pieces = text.Split(';');
        var given = new List<string> { "criterion" };
        string? unit = null;
        bool? must = null;
        double? weight = null;
        foreach (var option in pieces.Skip(1))
        {
            var (key, value) = option.IndexOf('=', StringComparison.Ordinal) is var eq and >= 0 ? (option[..eq], option[(eq + 1)..]) : (option, null);
            switch (key)
            {
                case "soft" when value is null:
                    must = false;
                    given.Add("must");
                    break;
                case "unit" when value is not null:
                    unit = value;
                    given.Add("unit");
                    break;
                case "weight" when value is not null:
                    weight = Parse(value, $"{name}.weight", errors);
                    given.Add("weight");
                    break;
                default:
                    errors.Add(FieldError.Of(name, $"'{option}' is not an option; the options are soft, unit=…, weight=…"));
                    break;
            }
        }

        var spec = pieces[0];
        var shape = Criteria.Find(name)?.Shape;
        double? min = null, max = null;
        IReadOnlyList<string>? values = null;
        IReadOnlyList<double>? point = null;
        string? date = null, kind = null;
        switch (shape)
        {
            case CriterionShape.Range when spec.Split("..") is [var low, var high]:
                (min, max) = (Optional(low, $"{name} min", errors), Optional(high, $"{name} max", errors));
                given.AddRange(new[] { ("min", min), ("max", max) }.Where(b => b.Item2 is not null).Select(b => b.Item1));
                break;
            case CriterionShape.Range:
                errors.Add(FieldError.Of(name, $"'{spec}' is not a range: write min..max, min.. or ..max"));
                break;
            case CriterionShape.Date:
                (date, given) = (spec, [.. given, "date"]);
                break;
            case CriterionShape.Values:
                (values, given) = (spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), [.. given, "values"]);
                break;
            case CriterionShape.Near or CriterionShape.NearPoint when spec.LastIndexOf(':') is var colon and > 0:
                max = Parse(spec[(colon + 1)..], $"{name} distance", errors);
                var at = spec[..colon];
                if (shape == CriterionShape.Near)
                {
                    kind = at;
                }
                else
                {
                    point = at.Split(',').Select(c => Parse(c, $"{name} point", errors) ?? double.NaN).ToList();
                }

                given.AddRange([shape == CriterionShape.Near ? "kind" : "point", "max"]);
                break;
            case CriterionShape.Near or CriterionShape.NearPoint:
                errors.Add(FieldError.Of(name, shape == CriterionShape.Near
                    ? $"'{spec}' is not kind:distance (metroStation:1000)" : $"'{spec}' is not lon,lat:distance (104.25,30.58:3000)"));
                break;
        }

        return new WrittenRequirement(name, name, min, max, unit, values, date, kind, point, must, weight, given);
    }

    private static double? Optional(string text, string where, List<FieldError> errors) =>
        text.Length == 0 ? null : Parse(text, where, errors);

    private static double? Parse(string text, string where, List<FieldError> errors)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(FieldError.Of(where, $"'{text}' is not a number"));
        return null;
    }

    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out StringValues v) ? v.ToString() : null;

    private static int? Whole(IQueryCollection query, string name, List<FieldError> errors)
    {
        if (Single(query, name) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        errors.Add(FieldError.Of(name, $"'{text}' is not a whole number"));
        return null;
    }

    /// <summary>Escaped for a query value, keeping the form's own marks (, : ; =) readable: a query value may hold them.</summary>
    private static string Escape(string value) => Uri.EscapeDataString(value).Replace("%2C", ",", StringComparison.Ordinal)
        .Replace("%3A", ":", StringComparison.Ordinal).Replace("%3B", ";", StringComparison.Ordinal).Replace("%3D", "=", StringComparison.Ordinal);

    private static string Number(double? n) => n?.ToString("0.########", CultureInfo.InvariantCulture) ?? "";

}
