using System.Text.Json.Serialization;
using LandInventory.GisApi.Places;
using LandInventory.GisApi.Words;

namespace LandInventory.GisApi.Matching;

/// <summary>The answer of a match: the page of ranked sites, the near misses of one criterion, and links.</summary>
public sealed record MatchAnswer(
    string Space, string Requirements, long NumberMatched, int NumberReturned, IReadOnlyList<SiteMatch> Matches,
    IReadOnlyList<OneAway> OneAway, IReadOnlyList<MatchLink> Links);

/// <summary>One ranked site: its fit score (0–100) and how it meets each requirement, in the order they were given.</summary>
public sealed record SiteMatch(
    int Rank, string Layer, string Code, string NameZh, string NameEn, string StewardId, double Score,
    IReadOnlyList<CriterionFit> Criteria, IReadOnlyList<NearPlace> NearestPlaces, IReadOnlyList<MatchLink> Links);

/// <summary>
/// How a site meets one requirement: <c>met</c>, <c>nearMiss</c>, <c>notMet</c> or <c>unstated</c>; its figure in the
/// requirement's unit; by how much it falls short (or goes over, or comes late in days); the same in words.
/// </summary>
public sealed record CriterionFit(
    string Criterion, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Kind, bool Must,
    string Status, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] object? Value,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Unit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Shortfall, Bilingual Text);

/// <summary>
/// The sites that fail one hard requirement and meet every other: how many; how many of them do not state the figure;
/// what the requirement would have to become to take in the others (in its unit; empty when none states it); the first
/// ten; the same in words.
/// </summary>
public sealed record OneAway(
    string Criterion, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Kind, long Sites,
    long Unstated, Relaxed WouldNeed, IReadOnlyList<string> Examples, Bilingual Text);

/// <summary>A relaxed requirement: the bounds, date or values that would take in the sites one requirement away.</summary>
public sealed record Relaxed(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Min,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Max,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Date,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Values,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Unit);

public sealed record MatchLink(string Rel, string Href, string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Title = null);
