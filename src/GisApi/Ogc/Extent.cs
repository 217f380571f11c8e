using System.Globalization;
using System.Text.Json;
using LandInventory.Data;
using NetTopologySuite.Geometries;

namespace LandInventory.GisApi.Ogc;

/// <summary>
/// A collection's extent as its metadata declares it: the box of its features (CRS84) and, for a layer with a temporal
/// property, the first and last day a feature is available from — the property <c>datetime</c> selects on, which the
/// extent names (<c>temporal.property</c>) beside the interval.
/// </summary>
public sealed record Extent(Envelope? Box, DateOnly? First, DateOnly? Last)
{
    private const string Crs84 = OgcCrs.Crs84Uri;
    private const string Gregorian = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian";

    public static async Task<Extent> OfAsync(IFeatureLayer collection, InventoryDbContext db, CancellationToken ct)
    {
        var box = await collection.ExtentAsync(db, ct);
        var (first, last) = await collection.TemporalExtentAsync(db, ct);
        return new Extent(box, first, last);
    }

    public void Write(Utf8JsonWriter w, IFeatureLayer collection)
    {
        if (Box is null && collection.Temporal is null)
        {
            return;
        }

        w.WriteStartObject("extent");
        if (Box is { } box)
        {
            w.WriteStartObject("spatial");
            w.WriteStartArray("bbox");
            w.WriteStartArray();
            foreach (var v in new[] { box.MinX, box.MinY, box.MaxX, box.MaxY })
            {
                w.WriteNumberValue(v);
            }

            w.WriteEndArray();
            w.WriteEndArray();
            w.WriteString("crs", Crs84);
            w.WriteEndObject();
        }

        if (collection.Temporal is { } property)
        {
            w.WriteStartObject("temporal");
            w.WriteStartArray("interval");
            w.WriteStartArray();
            foreach (var day in new[] { First, Last })
            {
                if (day is { } d)
                {
                    w.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z");
                }
                else
                {
                    w.WriteNullValue();
                }
            }

            w.WriteEndArray();
            w.WriteEndArray();
            w.WriteString("trs", Gregorian);
            w.WriteString("property", property);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
