using System.Text.Json;
using LandInventory.Data;
using LandInventory.Data.Places;
using Microsoft.EntityFrameworkCore;

namespace LandInventory.GisApi.Places;

/// <summary>The nearest place of one kind to a site, and how far it is on the ground (metres, on the spheroid).</summary>
public sealed record NearPlace(string Kind, string Id, string NameZh, string NameEn, double DistanceM);

/// <summary>
/// Each site's nearest place of every kind, on request (<c>nearestPlaces=true</c> on a layer's items and item, so light
/// pages stay light): the geography index finds five candidates of each kind by sphere distance, PostGIS measures them on
/// the spheroid, the nearest wins. A site inside a parcel's boundary is 0 m from it. Named SQL, one per layer of listed
/// records, made from <see cref="Layers.All"/>; the keys are a parameter.
/// </summary>
public static class NearestPlaces
{
    public const string Parameter = "nearestPlaces";

    /// <summary>The places property a feature carries when asked for it.</summary>
    public const string Property = "nearestPlaces";

    private static readonly Dictionary<string, string> Sql = Layers.All
        .Where(l => typeof(InventoryRecord).IsAssignableFrom(l.Entity))
        .ToDictionary(l => l.Name, l => $"""
            SELECT t.{l.Key} AS key, k.kind::text AS kind, n.id, n.name_zh, n.name_en, n.distance AS distance_m
            FROM {l.Table} t
            CROSS JOIN unnest(enum_range(NULL::place_kind)) AS k(kind)
            CROSS JOIN LATERAL (
              SELECT c.id, c.name_zh, c.name_en, ST_Distance(c.location::geography, t.{l.Geometry}::geography) AS distance
              FROM (SELECT p.id, p.name_zh, p.name_en, p.location FROM {PlaceSchema.Layer.Table} p WHERE p.kind = k.kind
                    ORDER BY p.location::geography <-> t.{l.Geometry}::geography LIMIT 5) c
              ORDER BY distance, c.id LIMIT 1) n
            WHERE t.{l.Key} = ANY(@keys)
            """);

    /// <summary>Whether a layer's features can carry their nearest places (listed records: parcels, carriers, buildings).</summary>
    public static bool Offered(string layer) => Sql.ContainsKey(layer);

    /// <summary>The request's <c>nearestPlaces</c>: absent or <c>false</c>, <c>true</c>; anything else is an error message.</summary>
    public static (bool Wanted, string? Error) Parse(IQueryCollection query, string layer) => query[Parameter].ToString() switch
    {
        "" or "false" => (false, null),
        "true" when Offered(layer) => (true, null),
        "true" => (false, $"{Parameter}: the {layer} layer has no nearest places (parcels, carriers and buildings do)"),
        var other => (false, $"{Parameter} is true or false, not '{other}'"),
    };

    public static async Task<ILookup<string, NearPlace>> ForAsync(InventoryDbContext db, string layer, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var rows = await db.Database.SqlQueryRaw<Row>(Sql[layer], new Npgsql.NpgsqlParameter("keys", keys.ToArray())).ToListAsync(ct);
        return rows.ToLookup(r => r.Key, r => new NearPlace(EnumNames.OfLabel(r.Kind), r.Id, r.NameZh, r.NameEn, Math.Round(r.DistanceM, 1)));
    }

    /// <summary>Writes <c>"nearestPlaces": {"metroStation": {"id", "nameZh", "nameEn", "distanceM"}, …}</c>.</summary>
    public static void Write(Utf8JsonWriter writer, IEnumerable<NearPlace> places)
    {
        writer.WriteStartObject(Property);
        foreach (var place in places.OrderBy(p => p.Kind, StringComparer.Ordinal))
        {
            writer.WriteStartObject(place.Kind);
            writer.WriteString("id", place.Id);
            writer.WriteString("nameZh", place.NameZh);
            writer.WriteString("nameEn", place.NameEn);
            writer.WriteNumber("distanceM", place.DistanceM);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>One answer row; EF fills its properties from the columns of their snake-case names (the house's convention).</summary>
    private sealed class Row
    {
        public string Key { get; set; } = "";

        public string Kind { get; set; } = "";

        public string Id { get; set; } = "";

        public string NameZh { get; set; } = "";

        public string NameEn { get; set; } = "";

        public double DistanceM { get; set; }
    }
}
