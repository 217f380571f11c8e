using LandInventory.Data.Areas;
using System.Text.Json;
using LandInventory.Data;
using LandInventory.GisApi.Ogc;
using Microsoft.EntityFrameworkCore;

namespace LandInventory.GisApi.Search;

/// <summary>
/// The figures investors compare areas by, per area and for the whole zone: each layer's own
/// (<see cref="InventoryLayer.Statistics"/>: parcels by status, available site area by land use, the vacant floor area of
/// carriers by industry and of buildings by category). Aggregated in PostgreSQL, one query a layer; only the answer
/// crosses to the API.
/// </summary>
public static class AreaStatistics
{
    public static async Task<GeoJsonResult> QueryAsync(InventoryDbContext db, CancellationToken ct)
    {
        var areas = await db.Areas.AsNoTracking().OrderBy(a => a.Id).Select(a => new { a.Id, a.NameZh, a.NameEn }).ToListAsync(ct);
        var layers = InventoryLayers.All.Where(l => l.Statistics is not null).ToList();
        // (area, or null for the zone; figure) → the count, or the breakdown by key.
        var figures = new Dictionary<(string? Area, string Figure), SortedDictionary<string, decimal>>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            foreach (var layer in layers)
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = layer.Statistics!.Sql;
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var zone = reader.GetBoolean(1);
                    if (!zone && await reader.IsDBNullAsync(0, ct))
                    {
                        continue; // in no area: counted for the zone only
                    }

                    var key = (zone ? null : reader.GetString(0), reader.GetString(2));
                    if (!figures.TryGetValue(key, out var values))
                    {
                        figures[key] = values = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
                    }

                    values[await reader.IsDBNullAsync(3, ct) ? "" : EnumNames.OfLabel(reader.GetString(3))] = reader.GetDecimal(4);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        void Figures(Utf8JsonWriter w, string? areaId)
        {
            foreach (var layer in layers)
            {
                w.WriteNumber(layer.Id, figures.GetValueOrDefault((areaId, layer.Id))?.GetValueOrDefault("") ?? 0);
                foreach (var map in layer.Statistics!.Maps)
                {
                    w.WriteStartObject(map);
                    foreach (var (key, value) in figures.GetValueOrDefault((areaId, map)) ?? [])
                    {
                        w.WriteNumber(key, value);
                    }

                    w.WriteEndObject();
                }
            }
        }

        return new GeoJsonResult("application/json", w =>
        {
            w.WriteStartObject();
            w.WriteStartArray(AreaSchema.Layer.Name);
            foreach (var area in areas)
            {
                w.WriteStartObject();
                w.WriteString("id", area.Id);
                w.WriteString("nameZh", area.NameZh);
                w.WriteString("nameEn", area.NameEn);
                Figures(w, area.Id);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("zone");
            Figures(w, null);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }
}
