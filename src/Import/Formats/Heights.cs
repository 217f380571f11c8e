using System.Text.Json.Nodes;

namespace LandInventory.Import.Formats;

/// <summary>Positions' third values (heights) in a GeoJSON geometry, as KML's every position has one.</summary>
internal static class Heights
{
    /// <summary>
    /// Drops every position's height of 0 (KML's "on the ground"), in place; the first other height stops it, and is
    /// returned with its place: a shape above the ground is not a 2D boundary, and flattening it would be a silent fix.
    /// </summary>
    public static (double X, double Y, double Z)? Flatten(JsonNode geometry)
    {
        if (geometry["geometries"] is JsonArray parts)
        {
            return parts.Select(p => p is null ? null : Flatten(p)).FirstOrDefault(h => h is not null);
        }

        return geometry["coordinates"] is JsonNode coordinates ? Walk(coordinates) : null;
    }

    private static (double, double, double)? Walk(JsonNode node)
    {
        if (node is not JsonArray array || array.Count == 0)
        {
            return null;
        }

        if (array[0] is JsonValue)
        {
            if (array.Count > 2)
            {
                var z = array[2]!.GetValue<double>();
                if (z != 0)
                {
                    return (array[0]!.GetValue<double>(), array[1]!.GetValue<double>(), z);
                }

                array.RemoveAt(2);
            }

            return null;
        }

        return array.Select(a => a is null ? null : Walk(a)).FirstOrDefault(h => h is not null);
    }
}
