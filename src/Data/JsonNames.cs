namespace LandInventory.Data;

/// <summary>The inventory's names in JSON are camelCase; in PostgreSQL, snake case (EFCore.NamingConventions, Npgsql's enum labels).</summary>
public static class JsonNames
{
    /// <summary><c>net_site_area_sqm</c> → <c>netSiteAreaSqm</c>.</summary>
    public static string FromSnakeCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = name.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
