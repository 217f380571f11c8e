using LandInventory.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql.NameTranslation;
using NpgsqlTypes;

namespace LandInventory.Import.Writing;

/// <summary>
/// The kinds of column an import writes, and the column sets layers share (a listed record's, floor space's). Each
/// layer's own list is in its folder (<c>Parcels/ParcelImport.cs</c> …), in the order of its staging table. Generated
/// columns (亩, geodesic area), surrogate keys and timestamps are the database's and are in no list.
/// </summary>
public static class Columns
{
    private static readonly NpgsqlSnakeCaseNameTranslator Labels = new();

    /// <summary>The schema's model, built once (no connection is opened): the source of the numeric column types.</summary>
    private static readonly IModel Model = BuildModel();

    /// <summary>The PostgreSQL label of an enum value (<c>CommercialService</c> → <c>commercial_service</c>).</summary>
    public static string Label(Enum value) => Labels.TranslateMemberName(value.ToString());

    /// <summary>What every listed record has: code, names, addresses, steward and contact, verification date.</summary>
    public static Column<T>[] Record<T>()
        where T : InventoryRecord =>
    [
        Text<T>("code", "code", r => r.Code),
        Text<T>("name_zh", "nameZh", r => r.NameZh),
        Text<T>("name_en", "nameEn", r => r.NameEn),
        Text<T>("address_zh", "addressZh", r => r.AddressZh),
        Text<T>("address_en", "addressEn", r => r.AddressEn),
        Text<T>("steward_id", "stewardId", r => r.StewardId),
        Text<T>("contact_name", "contactName", r => r.ContactName),
        Text<T>("contact_phone", "contactPhone", r => r.ContactPhone),
        Date<T>("verified_on", "verifiedOn", r => r.VerifiedOn),
    ];

    /// <summary>What carriers and buildings share: the vacant space and what it offers.</summary>
    public static Column<T>[] FloorSpace<T>()
        where T : IFloorSpace =>
    [
        Number<T>("vacant_floor_area_sqm", "vacantFloorAreaSqm", f => f.VacantFloorAreaSqm),
        Number<T>("floor_height_m", "floorHeightM", f => f.FloorHeightM),
        Number<T>("floor_load_kn_per_sqm", "floorLoadKnPerSqm", f => f.FloorLoadKnPerSqm),
        Number<T>("rent_cny_per_sqm_month", "rentCnyPerSqmMonth", f => f.RentCnyPerSqmMonth),
        Date<T>("available_from", "availableFrom", f => f.AvailableFrom),
    ];

    public static Column<T> Text<T>(string name, string json, Func<T, string?> value) =>
        new(name, json, "text", NpgsqlDbType.Text, value);

    public static Column<T> WholeNumber<T>(string name, string json, Func<T, int?> value) =>
        new(name, json, "integer", NpgsqlDbType.Integer, t => value(t));

    /// <summary>Staged with the target's own precision, so that rounding happens before the comparison, not after.</summary>
    public static Column<T> Number<T>(string name, string json, Func<T, decimal?> value) =>
        new(name, json, StoreType(typeof(T), name), NpgsqlDbType.Numeric, t => value(t));

    public static Column<T> Date<T>(string name, string json, Func<T, DateOnly?> value) =>
        new(name, json, "date", NpgsqlDbType.Date, t => value(t));

    /// <summary>An enum, staged as its label; <see cref="Column{T}.CastTo"/> names the PostgreSQL enum it is merged as.</summary>
    public static Column<T> Enum<T>(string name, string json, Func<T, Enum?> value) =>
        new(name, json, "text", NpgsqlDbType.Text, t => value(t) is { } v ? Label(v) : null);

    public static Column<T> EnumList<T, TEnum>(string name, string json, Func<T, IEnumerable<TEnum>> value)
        where TEnum : struct, Enum =>
        new(name, json, "text[]", NpgsqlDbType.Array | NpgsqlDbType.Text, t => value(t).Select(v => Label(v)).ToArray());

    public static Column<T> Shape<T>(string name, string json, string type, Func<T, object?> value) =>
        new(name, json, $"geometry({type},4326)", NpgsqlDbType.Geometry, value);

    /// <summary>The column's type as the schema (the EF model in src/Data) defines it: one definition, not two.</summary>
    private static string StoreType(Type entity, string column)
    {
        // An import's own record type (a building that names its carrier by code) derives from the mapped entity.
        var mapped = entity;
        while (Model.FindEntityType(mapped) is null)
        {
            mapped = mapped.BaseType ?? throw new InvalidOperationException($"{entity.Name} is not a mapped entity");
        }

        return Model.FindEntityType(mapped)!.GetProperties().Single(p => p.GetColumnName() == column).GetColumnType();
    }

    private static IModel BuildModel()
    {
        using var context = InventoryDatabase.CreateContext("Host=unused");
        return context.Model;
    }
}
