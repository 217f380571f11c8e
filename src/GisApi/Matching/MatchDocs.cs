using System.ComponentModel;
using LandInventory.GisApi.OpenApi;

namespace LandInventory.GisApi.Matching;

/// <summary>The body of <c>POST /match</c> as the OpenAPI description shows it (the body itself is read by <see cref="MatchBody"/>).</summary>
[Description("A project's requirements: the space wanted and the criteria, each hard (must, the default) or soft (weighted). docs/site-selection.md")]
public sealed record MatchRequirements(
    [property: Description("land (the parcels) or floor (the carriers and buildings)")] string Space,
    [property: Description(MatchDocs.Criteria)] IReadOnlyList<MatchRequirement>? Criteria,
    [property: Description("Sites per page: 20 unless given, at most 200")] int? Limit,
    [property: Description("Sites to skip: 0 unless given, at most 10000")] int? Offset);

/// <summary>One requirement as the OpenAPI description shows it.</summary>
public sealed record MatchRequirement(
    [property: Description(MatchDocs.Criteria)] string Criterion,
    [property: Description("Range criteria: the lowest figure wanted, in unit")] double? Min,
    [property: Description("Range criteria: the highest figure wanted, in unit; near, nearPoint: the farthest distance")] double? Max,
    [property: Description("The figures' unit; each criterion's first is the default (docs/site-selection.md)")] string? Unit,
    [property: Description("use, industry, kind: the enumeration's names; area: area ids")] IReadOnlyList<string>? Values,
    [property: Description("availableBy: YYYY-MM-DD")] string? Date,
    [property: Description("near: the kind of place (metroStation, expresswayEntrance, airport, railwayFreight, railwayStation, hospital, school, university)")] string? Kind,
    [property: Description("nearPoint: [longitude, latitude], WGS84")] IReadOnlyList<double>? Point,
    [property: Description("true (the default): a site that does not meet it is left out; false: it counts towards the score")] bool? Must,
    [property: Description("Soft requirements only: above 0, at most 10; 1 unless given")] double? Weight);

/// <summary>What the description says of the criteria, the GET form's parameters made from <see cref="Matching.Criteria.All"/>.</summary>
public static class MatchDocs
{
    public const string Criteria =
        "use (land use), industry, kind (of carrier), area (ids), size (m2, mu, ha: site area of land, vacant floor area of floor space), "
        + "floorHeight (m), floorLoad (kN/m2, t/m2), power (kVA, MVA), floors, rent (CNY/m2/month, CNY/m2/day), "
        + "price (wanYuanPerMu, wanYuanTotal, yuanPerSqmFloorArea: the basis), leaseTerm (years), availableBy (date), "
        + "near (kind, max in m or km), nearPoint (point, max in m or km)";

    public static QueryParameters Form { get; } = new(
        [
            new QueryParameter("space", "land or floor", Default: MatchLayer.Floor),
            new QueryParameter("limit", "Sites per page", "integer", MatchQuery.DefaultLimit, 1, MatchQuery.MaxLimit),
            new QueryParameter("offset", "Sites to skip", "integer", 0, 0, MatchQuery.MaxOffset),
            .. Matching.Criteria.All.Select(c => new QueryParameter(c.Name, Describe(c))),
        ]);

    private static string Describe(Criterion c)
    {
        var value = c.Shape switch
        {
            CriterionShape.Range => "min..max, min.. or ..max",
            CriterionShape.Date => "YYYY-MM-DD",
            CriterionShape.Values => "names, comma-separated",
            CriterionShape.Near => "kind:distance (metroStation:1000)",
            _ => "lon,lat:distance (104.25,30.58:3000)",
        };
        var units = c.Units.Count > 0 ? $"; unit={string.Join("|", c.Units.Select(u => u.Name))} (default {c.Units[0].Name})" : "";
        return $"{c.Words.En}: {value}{units}; ;soft makes it soft, ;weight=N weighs it (1–10)";
    }
}
