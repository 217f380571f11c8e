using System.Text.Json;
using LandInventory.Data.Areas;
using LandInventory.Data.Places;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace LandInventory.GisApi.Matching;

/// <summary>
/// The SQL of one match, made from the query and the layers' <see cref="MatchLayer"/>s; every figure a parameter.
/// A hard requirement is a predicate in the WHERE of each layer's candidates — a range test, <c>= ANY</c>, <c>&amp;&amp;</c>,
/// <c>within_metres</c>, a distance to the places of a kind — which an index answers (MatchSqlTests shows which); a soft
/// one is a status (2 met, 1 near miss, 0 not met, NULL not stated) that the score sums. Columns come from the
/// descriptors, never from the request.
/// </summary>
public sealed partial class MatchSql
{
    private readonly MatchQuery query;
    private readonly List<InventoryLayer> layers;

    /// <param name="places">The places of each kind the query asks to be near, collected (<see cref="PlacesAsync"/>).</param>
    public MatchSql(MatchQuery query, IReadOnlyDictionary<string, Geometry> places)
    {
        this.query = query;
        layers = InventoryLayers.All.Where(l => l.Match?.Space == query.Space).ToList();
        Parameters = [new("limit", query.Limit), new("offset", query.Offset)];
        for (var i = 0; i < query.Requirements.Count; i++)
        {
            AddParameters(i, query.Requirements[i], places);
        }
    }

    public List<NpgsqlParameter> Parameters { get; }

    public IReadOnlyList<InventoryLayer> Layers => layers;

    /// <summary>
    /// The page of candidates meeting every hard requirement, best first: layer, code, score, matched, s{i}. With soft
    /// requirements every candidate is scored anyway and counted on the way (matched); without, every score is 100 and
    /// the page is the first by layer and code, which the code index gives without reading every candidate, and the
    /// count is its own query (<see cref="Count"/>), where the criteria's indexes serve. OFFSET 0 keeps the statuses in
    /// their subquery: flattened, PostgreSQL would work each out twice, for the score and for the answer.
    /// </summary>
    public string Ranking
    {
        get
        {
            var soft = Indexes(r => !r.Must).ToList();
            var score = soft.Count == 0 ? "100::float8" : $"""
                round((100.0 * ({string.Join(" + ", soft.Select(i => $"@w{i} * CASE c.s{i} WHEN 2 THEN 1 WHEN 1 THEN 0.5 ELSE 0 END"))})
                    / ({string.Join(" + ", soft.Select(i => $"@w{i}"))}))::numeric, 1)::float8
                """;
            var candidates = layers.Select(l => $"""
                SELECT '{l.Id}'::text AS layer, t.{l.Schema.Key}::text AS code{string.Concat(soft.Select(i => $", {Status(i, l)} AS s{i}"))}
                FROM {l.Schema.Table} t WHERE {Where(l, skip: null)}
                """);
            return $"""
                SELECT r.layer, r.code, r.score, {(soft.Count > 0 ? "count(*) OVER ()" : "NULL::bigint")} AS matched{string.Concat(soft.Select(i => $", r.s{i}"))}
                FROM (SELECT c.*, {score} AS score FROM (
                {string.Join("\nUNION ALL\n", candidates)}
                OFFSET 0) c) r
                ORDER BY r.score DESC, r.layer, r.code LIMIT @limit OFFSET @offset
                """;
        }
    }

    /// <summary>How many sites meet every hard requirement.</summary>
    public string Count => $"SELECT ({string.Join(") + (", layers.Select(l => $"SELECT count(*) FROM {l.Schema.Table} t WHERE {Where(l, skip: null)}"))})";

    /// <summary>
    /// For each hard requirement i, the sites on offer that fail it and only it: how many, how many of them state the
    /// figure, its lowest and highest (a date as days since 1970-01-01), their values (of a list's criterion: no other
    /// relaxes by them, and gathering 16 000 distinct figures was half the statement), the first ten by layer and code.
    /// </summary>
    public string OneAway => string.Join("\nUNION ALL\n", Indexes(r => r.Must).Select(i => $"""
        SELECT {i} AS i, count(*) AS sites, count(o.x) AS known, min(o.x) AS low, max(o.x) AS high,
               {(Shape(i) == CriterionShape.Values ? "string_agg(DISTINCT o.v, ',')" : "NULL::text")} AS vals, (array_agg(o.layer || '/' || o.code ORDER BY o.layer, o.code))[1:10] AS codes
        FROM ({string.Join("\nUNION ALL\n", layers.Select(l => $"""
            SELECT '{l.Id}'::text AS layer, t.{l.Schema.Key}::text AS code, {Figure(i, l)} AS x, {(Shape(i) == CriterionShape.Values ? Value(i, l) : "NULL::text")} AS v
            FROM {l.Schema.Table} t WHERE {Where(l, skip: i)} AND NOT coalesce({Met(i, l, skip: i) ?? "false"}, false)
            """))}) o
        """));

    /// <summary>The page's sites of one layer: names, bureau, and each requirement's figure as text (v{i}).</summary>
    public string Values(InventoryLayer layer) => $"""
        SELECT t.{layer.Schema.Key}::text AS code, t.name_zh, t.name_en, t.steward_id{string.Concat(query.Requirements.Select((_, i) => $", {Value(i, layer)} AS v{i}"))}
        FROM {layer.Schema.Table} t WHERE t.{layer.Schema.Key} = ANY(@codes)
        """;

    private IEnumerable<int> Indexes(Func<Requirement, bool> which) =>
        Enumerable.Range(0, query.Requirements.Count).Where(i => which(query.Requirements[i]));

    /// <summary>On offer, and every hard requirement but <paramref name="skip"/>; a layer without the column meets none.</summary>
    private string Where(InventoryLayer l, int? skip) =>
        string.Join(" AND ", Indexes(r => r.Must).Where(i => i != skip).Select(i => Met(i, l, skip) ?? "false").Prepend($"({l.Match!.OnOffer})"));

    private MatchColumn? Column(int i, InventoryLayer l) =>
        l.Match!.Column(query.Requirements[i].Criterion.Name, query.Requirements[i].Unit?.Name);

    private static string Geometry(InventoryLayer l) => $"t.{l.Schema.Geometry}";

    /// <summary>The requirement met, as a predicate an index answers; null where the layer does not state it.</summary>
    /// <param name="skip">The hard requirement the statement leaves out, if any (the sites one requirement away).</param>
    private string? Met(int i, InventoryLayer l, int? skip = null) => Test(i, l, near: false, skip);

    private string? Test(int i, InventoryLayer l, bool near, int? skip = null)
    {
        var r = query.Requirements[i];
        var column = Column(i, l);
        var band = near ? "near" : "";
        return r.Criterion.Shape switch
        {
            CriterionShape.Range when column is not null => string.Join(" AND ",
                new[] { (r.Min, ">=", "min", "ceil"), (r.Max, "<=", "max", "floor") }.Where(b => b.Item1 is not null)
                    .Select(b => $"{column.Sql} {b.Item2} {Bound($"@{b.Item3}{band}{i}", b.Item4, column)}")),
            CriterionShape.Date when column is not null => $"{column.Sql} <= @date{band}{i}",
            CriterionShape.Values when near => null,
            CriterionShape.Values when column is { EnumType: { } type, IsArray: true } => $"{column.Sql} && CAST(@values{i} AS {type}[])",
            CriterionShape.Values when column is { EnumType: { } type } => $"{column.Sql} = ANY(CAST(@values{i} AS {type}[]))",
            CriterionShape.Values when column is not null => $"{column.Sql} = ANY(@values{i})",
            CriterionShape.Values when r.Criterion.Name == "area" => $"""
                EXISTS (SELECT 1 FROM {AreaSchema.Layer.Table} a WHERE a.{AreaSchema.Layer.Key} = ANY(@values{i}) AND ST_Intersects(a.{AreaSchema.Layer.Geometry}, {Geometry(l)}))
                """,
            // Where the other hard requirements pick the candidates, each is measured against the kind's places, read
            // once per match (Within). Where distance is the one test it drives, as an EXISTS whose box test, written
            // both ways round, lets either side's geography index serve: from the few places of the kind into the
            // sites' index, or per site into the places'.
            CriterionShape.Near when !Drives(i, l, skip) => Within(i, l, band),
            CriterionShape.Near => $"""
                EXISTS (SELECT 1 FROM {PlaceSchema.Layer.Table} p WHERE p.kind = CAST(@kind{i} AS place_kind)
                  AND geography({Geometry(l)}) && _ST_Expand(geography(p.{PlaceSchema.Layer.Geometry}), @max{band}{i})
                  AND geography(p.{PlaceSchema.Layer.Geometry}) && _ST_Expand(geography({Geometry(l)}), @max{band}{i})
                  AND _ST_DWithin(geography({Geometry(l)}), geography(p.{PlaceSchema.Layer.Geometry}), @max{band}{i}, true))
                """,
            CriterionShape.NearPoint => $"within_metres({Geometry(l)}, {Point(i)}, @max{band}{i})",
            _ => null,
        };
    }

    /// <summary>2 met, 1 a near miss, 0 not met, NULL not stated.</summary>
    private string Status(int i, InventoryLayer l)
    {
        if (Met(i, l) is not { } met)
        {
            return "NULL::smallint";
        }

        if (query.Requirements[i].Criterion.Shape == CriterionShape.Near)
        {
            // One distance in plane degrees decides most sites (Within says why); the rest, in either ring, one on the spheroid.
            var site = Geometry(l);
            return $"""
                (SELECT CASE WHEN d.p <= @inner{i} THEN 2 WHEN d.p > @outernear{i} THEN 0
                             WHEN d.p > @outer{i} AND d.p <= @innernear{i} THEN 1
                             ELSE (SELECT CASE WHEN g.m <= @max{i} THEN 2 WHEN g.m <= @maxnear{i} THEN 1 ELSE 0 END
                                   FROM (SELECT ST_Distance(geography({site}), @placesgeo{i}) AS m) g) END
                 FROM (SELECT ST_Distance({site}, @places{i}) AS p OFFSET 0) d)::smallint
                """;
        }

        var near = Test(i, l, near: true) is { } n ? $" WHEN {n} THEN 1" : "";
        var unstated = Column(i, l) is { } c ? $"WHEN {c.Sql} IS NULL THEN NULL " : "";
        return $"(CASE {unstated}WHEN {met} THEN 2{near} ELSE 0 END)::smallint";
    }

    /// <summary>The site's figure for the requirement as text, in the stored unit (a distance in metres).</summary>
    private string Value(int i, InventoryLayer l)
    {
        var r = query.Requirements[i];
        return (r.Criterion.Shape, Column(i, l)) switch
        {
            (CriterionShape.Values, { IsArray: true } c) => $"array_to_string({c.Sql}, ',')",
            (_, { } c) => $"{c.Sql}::text",
            (CriterionShape.Values, null) when r.Criterion.Name == "area" => $"""
                (SELECT string_agg(a.{AreaSchema.Layer.Key}, ',' ORDER BY a.{AreaSchema.Layer.Key}) FROM {AreaSchema.Layer.Table} a WHERE ST_Intersects(a.{AreaSchema.Layer.Geometry}, {Geometry(l)}))
                """,
            (CriterionShape.Near or CriterionShape.NearPoint, _) => $"({Figure(i, l)})::text",
            _ => "NULL::text",
        };
    }

    /// <summary>The figure a relaxed requirement would have to reach, as a number (a date as days since 1970-01-01).</summary>
    private string Figure(int i, InventoryLayer l) => (query.Requirements[i].Criterion.Shape, Column(i, l)) switch
    {
        (CriterionShape.Range, { } c) => $"{c.Sql}::float8",
        (CriterionShape.Date, { } c) => $"({c.Sql} - DATE '1970-01-01')::float8",
        (CriterionShape.Near, _) => $"ST_Distance(geography({Geometry(l)}), @placesgeo{i})",
        (CriterionShape.NearPoint, _) => $"ST_Distance(geography({Geometry(l)}), geography({Point(i)}))",
        // No number to relax, but whether the site states a value at all (known) — its values say what would take it in.
        (CriterionShape.Values, _) => $"(CASE WHEN {Value(i, l)} IS NULL THEN NULL ELSE 0 END)::float8",
        _ => "NULL::float8",
    };

    /// <summary>A bound as the column's own type, so its index serves (an integer column against a numeric would not).</summary>
    private static string Bound(string parameter, string rounding, MatchColumn column) =>
        column.IsInteger ? $"CAST({rounding}({parameter}) AS integer)" : parameter;

    private CriterionShape Shape(int i) => query.Requirements[i].Criterion.Shape;

    private static string Point(int i) => $"ST_SetSRID(ST_MakePoint(@lon{i}, @lat{i}), 4326)";

    private static string Label(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    private void AddParameters(int i, Requirement r, IReadOnlyDictionary<string, Geometry> places)
    {
        var share = Criteria.NearMissShare;
        if (!r.Must)
        {
            Add($"w{i}", r.Weight);
        }

        switch (r.Criterion.Shape)
        {
            case CriterionShape.Range:
                // Figures are compared as numeric, so 30 kN/m² given is 30 stored, not 29.999….
                AddNumeric($"min{i}", r.Stored(r.Min));
                AddNumeric($"max{i}", r.Stored(r.Max));
                AddNumeric($"minnear{i}", r.Stored(r.Min) * (1 - share));
                AddNumeric($"maxnear{i}", r.Stored(r.Max) * (1 + share));
                break;
            case CriterionShape.Date:
                Parameters.Add(new NpgsqlParameter($"date{i}", NpgsqlDbType.Date) { Value = r.Date!.Value });
                Parameters.Add(new NpgsqlParameter($"datenear{i}", NpgsqlDbType.Date) { Value = r.Date!.Value.AddDays(Criteria.NearMissDays) });
                break;
            case CriterionShape.Values:
                var labels = r.Criterion.Values is null ? r.Values : r.Values.Select(JsonNamingPolicy.SnakeCaseLower.ConvertName);
                Parameters.Add(new NpgsqlParameter($"values{i}", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = labels.ToArray() });
                break;
            default:
                var (max, near) = (r.Stored(r.Max)!.Value, r.Stored(r.Max)!.Value * (1 + share));
                Add($"max{i}", max);
                Add($"maxnear{i}", near);
                if (r.Kind is { } kind)
                {
                    Parameters.Add(new NpgsqlParameter($"kind{i}", NpgsqlDbType.Text) { Value = Label(kind) });
                    AddPlaces(i, max, near, places.GetValueOrDefault(Label(kind)));
                }
                else
                {
                    Add($"lon{i}", r.Lon!.Value);
                    Add($"lat{i}", r.Lat!.Value);
                }

                break;
        }
    }

    private void Add(string name, double value) => Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Double) { Value = value });

    private void AddNumeric(string name, double? value)
    {
        if (value is { } v)
        {
            Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Numeric) { Value = decimal.Round((decimal)v, 6) });
        }
    }
}
