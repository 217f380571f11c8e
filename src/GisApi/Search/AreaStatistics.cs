using System.Text.Json;
using LandInventory.Data;
using LandInventory.Data.Parcels;
using LandInventory.GisApi.Ogc;
using Microsoft.EntityFrameworkCore;

namespace LandInventory.GisApi.Search;

/// <summary>
/// The figures investors compare areas by, per area and for the whole zone: parcels by status, available site area by
/// land use, and the vacant floor area of carriers (by industry) and buildings (by category) standing in the area.
/// Parcels belong to their area by key; carriers and buildings by where they stand (PostGIS <c>ST_Intersects</c>).
/// </summary>
public static class AreaStatistics
{
    public static async Task<GeoJsonResult> QueryAsync(InventoryDbContext db, CancellationToken ct)
    {
        var areas = await db.Areas.AsNoTracking().OrderBy(a => a.Id).Select(a => new { a.Id, a.NameZh, a.NameEn }).ToListAsync(ct);
        var parcels = await db.LandParcels.AsNoTracking()
            .Select(p => new { p.AreaId, p.Status, p.LandUse, p.NetSiteAreaSqm }).ToListAsync(ct);
        var carriers = await db.IndustrialCarriers.AsNoTracking()
            .Select(c => new
            {
                AreaId = db.Areas.Where(a => a.Boundary.Intersects(c.Location)).Select(a => a.Id).FirstOrDefault(),
                c.Industries,
                c.VacantFloorAreaSqm,
            }).ToListAsync(ct);
        var buildings = await db.Buildings.AsNoTracking()
            .Select(b => new
            {
                AreaId = db.Areas.Where(a => a.Boundary.Intersects(b.Footprint)).Select(a => a.Id).FirstOrDefault(),
                b.Category,
                b.VacantFloorAreaSqm,
            }).ToListAsync(ct);

        void Figures(Utf8JsonWriter w, string? areaId)
        {
            var p = parcels.Where(x => areaId is null || x.AreaId == areaId).ToList();
            var c = carriers.Where(x => areaId is null || x.AreaId == areaId).ToList();
            var b = buildings.Where(x => areaId is null || x.AreaId == areaId).ToList();
            w.WriteNumber("parcels", p.Count);
            Map(w, "parcelsByStatus", p.GroupBy(x => EnumNames.Of(x.Status)).Select(g => (g.Key, (decimal)g.Count())));
            Map(w, "availableSiteAreaSqmByLandUse", p.Where(x => x.Status == ParcelStatus.Available)
                .GroupBy(x => EnumNames.Of(x.LandUse)).Select(g => (g.Key, g.Sum(x => x.NetSiteAreaSqm))));
            w.WriteNumber("carriers", c.Count);
            Map(w, "vacantFloorAreaSqmByIndustry", c.SelectMany(x => x.Industries.Select(i => (Industry: i, x.VacantFloorAreaSqm)))
                .GroupBy(x => EnumNames.Of(x.Industry)).Select(g => (g.Key, g.Sum(x => x.VacantFloorAreaSqm))));
            w.WriteNumber("buildings", b.Count);
            Map(w, "vacantBuildingFloorAreaSqmByCategory", b.GroupBy(x => EnumNames.Of(x.Category)).Select(g => (g.Key, g.Sum(x => x.VacantFloorAreaSqm))));
        }

        return new GeoJsonResult("application/json", w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("areas");
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

    private static void Map(Utf8JsonWriter w, string name, IEnumerable<(string Key, decimal Value)> entries)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(key, value);
        }

        w.WriteEndObject();
    }
}
