namespace LandInventory.GisApi.Ogc;

/// <summary>
/// The links of a page of items: this page, its collection, the next page (by cursor in id order, by offset after a
/// <c>sortby</c>), the previous one by offset, and the whole query as each download format.
/// </summary>
public static class ItemsLinks
{
    public static List<(string Href, string Rel, string Type, string Title)> Of(HttpRequest request, IFeatureLayer collection,
        ItemsQuery query, IReadOnlyList<FeatureRow> rows, bool more, int? matched)
    {
        var items = OgcLinks.Items(request, collection.Id);
        // Paging links repeat the request's own filters and systems.
        var carried = Carried(request, "limit", "offset", "after");
        var start = query.After is { } after ? $"after={Uri.EscapeDataString(after)}" : $"offset={query.Offset}";
        var links = new List<(string, string, string, string)>
        {
            ($"{items}?limit={query.Limit}&{start}{carried}", "self", GeoJsonResult.GeoJson, "This page"),
            ($"{OgcLinks.Base(request)}/collections/{collection.Id}", "collection", "application/json", collection.Title),
        };
        if (more)
        {
            // In id order the next page starts after this one's last feature (an index range however deep); a sortby's
            // order has no such cursor here, so it goes on by offset.
            var next = query.SortBy.Count == 0 ? $"after={Uri.EscapeDataString(rows[^1].Id)}" : $"offset={query.Offset + query.Limit}";
            links.Add(($"{items}?limit={query.Limit}&{next}{carried}", "next", GeoJsonResult.GeoJson, "Next page"));
        }

        if (query.Offset > 0)
        {
            links.Add(($"{items}?limit={query.Limit}&offset={Math.Max(0, query.Offset - query.Limit)}{carried}", "prev",
                GeoJsonResult.GeoJson, "Previous page"));
        }

        // The whole query, not this page, as each file.
        var whole = Carried(request, "limit", "offset", "after", "f", Places.NearestPlaces.Parameter);
        links.AddRange(Downloads.DownloadFormat.All.Select(d =>
            ($"{items}?f={d.Name}{whole}", "alternate", d.MediaType, $"All {(matched is { } n ? $"{n} " : "")}features of this query as {d.Title}")));
        return links;
    }

    /// <summary>The request's query parameters but <paramref name="except"/>, each as <c>&amp;name=value</c>.</summary>
    private static string Carried(HttpRequest request, params string[] except) =>
        string.Concat(request.Query.Keys.Where(k => !except.Contains(k))
            .Select(k => $"&{k}={Uri.EscapeDataString(request.Query[k].ToString())}"));
}
