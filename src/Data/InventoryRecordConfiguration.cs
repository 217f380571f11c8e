using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LandInventory.Data;

/// <summary>Columns, keys and checks shared by every listed record; each layer's configuration starts here.</summary>
public static class InventoryRecordConfiguration
{
    /// <summary>Codes are short, printable and free of leading or trailing blanks.</summary>
    public static void ConfigureRecord<T>(this EntityTypeBuilder<T> entity)
        where T : InventoryRecord
    {
        entity.HasKey(r => r.Id);
        entity.Property(r => r.Id).UseIdentityAlwaysColumn();
        entity.Property(r => r.Code).HasMaxLength(64);
        entity.HasIndex(r => r.Code).IsUnique();
        entity.Property(r => r.NameZh).HasMaxLength(200);
        entity.Property(r => r.NameEn).HasMaxLength(200);
        entity.Property(r => r.AddressZh).HasMaxLength(300);
        entity.Property(r => r.AddressEn).HasMaxLength(300);
        entity.Property(r => r.StewardId).HasMaxLength(64);
        entity.HasOne(r => r.Steward).WithMany().HasForeignKey(r => r.StewardId).OnDelete(DeleteBehavior.Restrict);
        entity.Property(r => r.ContactName).HasMaxLength(100);
        entity.Property(r => r.ContactPhone).HasMaxLength(40);
        entity.Property(r => r.Version).IsRowVersion();
        entity.Property(r => r.CreatedAt).HasDefaultValueSql("now()").ValueGeneratedOnAdd();
        entity.Property(r => r.UpdatedAt).HasDefaultValueSql("now()").ValueGeneratedOnAddOrUpdate();
        var table = entity.Metadata.GetTableName();
        entity.ToTable(t =>
        {
            t.HasCheckConstraint($"ck_{table}_code", "code = btrim(code) AND code <> ''");
            t.HasCheckConstraint($"ck_{table}_names", "btrim(name_zh) <> '' AND btrim(name_en) <> ''");
        });
    }

    /// <summary>CHECK that a nullable or required numeric column is not negative.</summary>
    public static void HasNonNegative<T>(this EntityTypeBuilder<T> entity, params string[] columns)
        where T : class
    {
        var table = entity.Metadata.GetTableName();
        entity.ToTable(t =>
        {
            foreach (var column in columns)
            {
                t.HasCheckConstraint($"ck_{table}_{column}_non_negative", $"{column} >= 0");
            }
        });
    }
}
