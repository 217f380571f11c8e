using System.Collections.Concurrent;
using System.Text.Json;

namespace LandInventory.Data;

/// <summary>
/// The names enumerations have wherever the inventory is JSON — GeoJSON files, the API, filters: camelCase
/// (<c>CommercialService</c> → <c>commercialService</c>). One definition for the importer and the API, worked out
/// once per type.
/// </summary>
public static class EnumNames
{
    private static readonly ConcurrentDictionary<Type, Dictionary<string, Enum>> ByType = new();

    public static string Of(Enum value) => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>
    /// The JSON name of a value PostgreSQL gives by its label (<c>commercial_service</c> → <c>commercialService</c>), as
    /// statistics and history read them from SQL; the labels are the members' names in snake case (Npgsql's mapping).
    /// </summary>
    public static string OfLabel(string label) => JsonNames.FromSnakeCase(label);

    /// <summary>The JSON names of <paramref name="type"/>'s values, in declaration order.</summary>
    public static IEnumerable<string> All(Type type) => Map(type).Keys;

    /// <summary>The value named <paramref name="name"/>, if <paramref name="type"/> has one.</summary>
    public static Enum? Parse(Type type, string name) => Map(type).GetValueOrDefault(name);

    private static Dictionary<string, Enum> Map(Type type) =>
        ByType.GetOrAdd(type, t => Enum.GetValues(t).Cast<Enum>().ToDictionary(Of, StringComparer.Ordinal));
}
