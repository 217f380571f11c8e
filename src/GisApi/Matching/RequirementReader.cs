using System.Globalization;
using LandInventory.Data;
using LandInventory.GisApi.Errors;

namespace LandInventory.GisApi.Matching;

/// <summary>
/// A requirement as written, before it is checked: from the JSON body (<see cref="MatchBody"/>) or the GET form
/// (<see cref="MatchForm"/>); <paramref name="Given"/> names the fields present, so a field the criterion does not take is
/// an error rather than ignored.
/// </summary>
public sealed record WrittenRequirement(
    string Where, string? Criterion, double? Min, double? Max, string? Unit, IReadOnlyList<string>? Values, string? Date,
    string? Kind, IReadOnlyList<double>? Point, bool? Must, double? Weight, IReadOnlyCollection<string> Given);

/// <summary>Checks written requirements against the criteria and the space; every problem is reported by its field.</summary>
public static class RequirementReader
{
    public const double MaxWeight = 10;

    /// <summary>The largest figure a range takes (no area, price or load of a site comes near it; beyond, no number fits SQL's numeric).</summary>
    public const double MaxFigure = 1e12;

    private static readonly string[] Common = ["criterion", "must", "weight"];

    private static readonly Dictionary<CriterionShape, string[]> Fields = new()
    {
        [CriterionShape.Range] = ["min", "max", "unit"],
        [CriterionShape.Date] = ["date"],
        [CriterionShape.Values] = ["values"],
        [CriterionShape.Near] = ["kind", "max", "unit"],
        [CriterionShape.NearPoint] = ["point", "max", "unit"],
    };

    /// <summary>The criteria a space takes: those some layer of the space has a column for, and areas and distances.</summary>
    public static IEnumerable<Criterion> For(string space) => Criteria.All.Where(c =>
        c.Name == "area" || c.Shape is CriterionShape.Near or CriterionShape.NearPoint
        || InventoryLayers.All.Any(l => l.Match is { } m && m.Space == space && m.Answers(c.Name)));

    /// <summary>The query, or a refusal naming every field that is wrong.</summary>
    public static MatchQuery Read(
        string? space, IEnumerable<WrittenRequirement> written, int? limit, int? offset, IReadOnlySet<string> areaIds,
        List<FieldError> errors)
    {
        if (space is null || !MatchLayer.Spaces.Contains(space))
        {
            errors.Add(FieldError.Of("space", $"'{space}' is not a space; one of {string.Join(", ", MatchLayer.Spaces)}"));
        }

        if (limit is < 1 or > MatchQuery.MaxLimit)
        {
            errors.Add(FieldError.Of("limit", $"{limit} must be from 1 to {MatchQuery.MaxLimit}"));
        }

        if (offset is < 0 or > MatchQuery.MaxOffset)
        {
            errors.Add(FieldError.Of("offset", $"{offset} must be from 0 to {MatchQuery.MaxOffset}"));
        }

        var requirements = new List<Requirement>();
        var all = written.ToList();
        if (all.Count > MatchQuery.MaxRequirements)
        {
            errors.Add(FieldError.Of("criteria", $"{all.Count} requirements; at most {MatchQuery.MaxRequirements}"));
        }

        foreach (var w in all.Take(MatchQuery.MaxRequirements))
        {
            if (Check(w, space, areaIds, errors) is not { } r)
            {
                continue;
            }

            if (requirements.Any(o => o.Key == r.Key))
            {
                errors.Add(FieldError.Of(w.Where, $"{r.Key} is required twice; say it once"));
                continue;
            }

            requirements.Add(r);
        }

        if (errors.Count > 0)
        {
            throw new RequestRefusedException(Refusal.Invalid, "Invalid requirements",
                string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")), errors);
        }

        return new MatchQuery(space!, requirements, limit ?? MatchQuery.DefaultLimit, offset ?? 0);
    }

    private static Requirement? Check(WrittenRequirement w, string? space, IReadOnlySet<string> areaIds, List<FieldError> errors)
    {
        var before = errors.Count;
        if (w.Criterion is null || Criteria.Find(w.Criterion) is not { } criterion)
        {
            errors.Add(FieldError.Of($"{w.Where}.criterion", $"'{w.Criterion}' is not a criterion; one of {string.Join(", ", Criteria.All.Select(c => c.Name))}"));
            return null;
        }

        if (space is not null && MatchLayer.Spaces.Contains(space) && !For(space).Contains(criterion))
        {
            errors.Add(FieldError.Of($"{w.Where}.criterion", $"{criterion.Name} does not apply to {space} space, which takes {string.Join(", ", For(space).Select(c => c.Name))}"));
            return null;
        }

        var takes = Common.Concat(Fields[criterion.Shape]).ToList();
        foreach (var field in w.Given.Where(f => !takes.Contains(f)))
        {
            errors.Add(FieldError.Of($"{w.Where}.{field}", $"a {criterion.Name} requirement takes {string.Join(", ", takes)}, not {field}"));
        }

        var unit = criterion.Unit(w.Unit);
        if (criterion.Units.Count > 0 && unit is null)
        {
            errors.Add(FieldError.Of($"{w.Where}.unit", $"'{w.Unit}' is not a unit of {criterion.Name}; one of {string.Join(", ", criterion.Units.Select(u => u.Name))}"));
        }

        DateOnly? date = null;
        switch (criterion.Shape)
        {
            case CriterionShape.Range:
                CheckRange(w, errors);
                break;
            case CriterionShape.Date when DateOnly.TryParseExact(w.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                && d.Year <= 9000:
                date = d;
                break;
            case CriterionShape.Date:
                errors.Add(FieldError.Of($"{w.Where}.date", $"'{w.Date}' is not a date (YYYY-MM-DD) up to the year 9000"));
                break;
            case CriterionShape.Values:
                CheckValues(w, criterion, areaIds, errors);
                break;
            case CriterionShape.Near when w.Kind is null || criterion.Values is null || EnumNames.Parse(criterion.Values, w.Kind) is null:
                errors.Add(FieldError.Of($"{w.Where}.kind", $"'{w.Kind}' is not a kind of place; one of {string.Join(", ", EnumNames.All(criterion.Values!))}"));
                CheckDistance(w, unit, errors);
                break;
            case CriterionShape.NearPoint when w.Point is not [var lon, var lat] || !double.IsFinite(lon) || !double.IsFinite(lat)
                || lon is < -180 or > 180 || lat is < -90 or > 90:
                errors.Add(FieldError.Of($"{w.Where}.point", "give the point as [longitude, latitude] in WGS84"));
                CheckDistance(w, unit, errors);
                break;
            default:
                CheckDistance(w, unit, errors);
                break;
        }

        var must = w.Must ?? true;
        if (w.Weight is { } weight && (must || !double.IsFinite(weight) || weight <= 0 || weight > MaxWeight))
        {
            errors.Add(FieldError.Of($"{w.Where}.weight", must
                ? "a weight belongs to a soft requirement (must: false); a hard one is met or the site is left out"
                : $"{weight} must be above 0 and at most {MaxWeight}"));
        }

        return errors.Count > before ? null : new Requirement(criterion, unit, w.Min, w.Max, date, w.Values ?? [],
            w.Kind, w.Point?[0], w.Point?[1], must, must ? 0 : w.Weight ?? 1);
    }

    private static void CheckRange(WrittenRequirement w, List<FieldError> errors)
    {
        if (w.Min is null && w.Max is null && !w.Given.Contains("min") && !w.Given.Contains("max"))
        {
            errors.Add(FieldError.Of(w.Where, "give min, max or both"));
        }

        foreach (var (field, value) in new[] { ("min", w.Min), ("max", w.Max) })
        {
            if (value is { } v && (!double.IsFinite(v) || v < 0 || v > MaxFigure))
            {
                errors.Add(FieldError.Of($"{w.Where}.{field}", $"{v} must be a number from 0 to {MaxFigure:0.#e0}"));
            }
        }

        if (w.Min > w.Max)
        {
            errors.Add(FieldError.Of(w.Where, $"min {w.Min} is above max {w.Max}"));
        }
    }

    private static void CheckValues(WrittenRequirement w, Criterion criterion, IReadOnlySet<string> areaIds, List<FieldError> errors)
    {
        var known = criterion.Values is { } type ? EnumNames.All(type).ToHashSet() : areaIds;
        if (w.Values is not { Count: > 0 } values)
        {
            errors.Add(FieldError.Of($"{w.Where}.values", $"give one or more of {string.Join(", ", known.Order(StringComparer.Ordinal))}"));
            return;
        }

        foreach (var value in values.Where(v => !known.Contains(v)))
        {
            errors.Add(FieldError.Of($"{w.Where}.values", $"'{value}' is not one of {string.Join(", ", known.Order(StringComparer.Ordinal))}"));
        }
    }

    private static void CheckDistance(WrittenRequirement w, Unit? unit, List<FieldError> errors)
    {
        if (w.Min is not null)
        {
            errors.Add(FieldError.Of($"{w.Where}.min", "a distance requirement is a reach: give max"));
        }

        if (w.Max is not { } max || !double.IsFinite(max) || max <= 0 || max * (unit?.Factor ?? 1) > Criteria.MaxDistanceM)
        {
            errors.Add(FieldError.Of($"{w.Where}.max", $"'{w.Max}' must be a distance above 0 and at most {Criteria.MaxDistanceM / 1000} km"));
        }
    }

}
