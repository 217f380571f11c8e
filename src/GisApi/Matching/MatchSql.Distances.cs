using NetTopologySuite.Geometries;
using LandInventory.Data.Places;
using Npgsql;
using NpgsqlTypes;

namespace LandInventory.GisApi.Matching;

/// <summary>How a match measures distances to the places of a kind (decision 0019).</summary>
public sealed partial class MatchSql
{
    /// <summary>
    /// The places of each kind the query asks to be near, one collection per kind (keyed by its label): read once for a
    /// match rather than gathered again by every statement that measures a distance, which made planning them cost more
    /// than running them.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, Geometry>> PlacesAsync(NpgsqlConnection connection, MatchQuery query, CancellationToken ct)
    {
        var kinds = query.Requirements.Where(r => r.Kind is not null).Select(r => Label(r.Kind!)).Distinct().ToArray();
        var places = new Dictionary<string, Geometry>(StringComparer.Ordinal);
        if (kinds.Length == 0)
        {
            return places;
        }

        await using var command = new NpgsqlCommand($"""
            SELECT p.kind::text, ST_Collect(p.{PlaceSchema.Layer.Geometry}) FROM {PlaceSchema.Layer.Table} p
            WHERE p.kind::text = ANY(@kinds) GROUP BY p.kind
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("kinds", kinds));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            places[reader.GetString(0)] = reader.GetFieldValue<Geometry>(1);
        }

        return places;
    }

    /// <summary>
    /// Whether the site is within the requirement's distance (<paramref name="band"/>: the bound, or its near-miss band)
    /// of a place of its kind, on the spheroid — decided in plane degrees where that is sure, which costs a fifth of the
    /// exact test (<see cref="AddPlaces"/> works out the degrees). Only the sites in between are measured on the
    /// spheroid. The places come as one collection, a parameter: PostGIS keeps its tree between rows.
    /// </summary>
    private static string Within(int i, InventoryLayer l, string band) => $"""
        (CASE WHEN _ST_DWithin({Geometry(l)}, @places{i}, @inner{band}{i}) THEN true
              WHEN NOT _ST_DWithin({Geometry(l)}, @places{i}, @outer{band}{i}) THEN false
              ELSE _ST_DWithin(geography({Geometry(l)}), @placesgeo{i}, @max{band}{i}, true) END)
        """;

    /// <summary>
    /// Whether a distance is the test that picks the candidates: no other hard requirement of the statement has a column
    /// (whose index would) or a point to be near.
    /// </summary>
    private bool Drives(int i, InventoryLayer l, int? skip) => !Indexes(r => r.Must).Any(j => j != i && j != skip
        && (Column(j, l) is not null || query.Requirements[j].Criterion.Shape == CriterionShape.NearPoint));

    /// <summary>
    /// The kind's places, collected, as geometry and geography (none of the kind: null, which meets no distance), and the
    /// bounds in plane degrees that decide a distance without the spheroid (<see cref="Within"/>). No degree is longer
    /// than 111 700 m in any direction, so a site within the bound ÷ 111 700 in degrees is within it on the ground. None is
    /// shorter than 110 574 m north–south, nor than a degree of longitude at the highest latitude a site within the
    /// bound could reach — the places' highest, the bound's worth of latitude and a degree for the bow of a long line —
    /// so a site further than the bound ÷ that in degrees is further on the ground. (A site's edges are straight in
    /// degrees and arcs on the spheroid: apart by millimetres over a parcel, against a margin of about 1 % of the bound.)
    /// </summary>
    private void AddPlaces(int i, double max, double near, Geometry? places)
    {
        Parameters.Add(new NpgsqlParameter($"places{i}", NpgsqlDbType.Geometry) { Value = (object?)places ?? DBNull.Value });
        Parameters.Add(new NpgsqlParameter($"placesgeo{i}", NpgsqlDbType.Geography) { Value = (object?)places ?? DBNull.Value });
        var latitude = places?.Coordinates.Max(c => Math.Abs(c.Y)) ?? 0;
        foreach (var (band, metres) in new[] { ("", max), ("near", near) })
        {
            Add($"inner{band}{i}", metres / 111_700);
            Add($"outer{band}{i}", metres / Math.Min(110_574, 111_319 * Math.Cos(Math.Min(89, latitude + (metres / 110_574) + 1) * Math.PI / 180)));
        }
    }
}
