using LandInventory.Data.Spatial;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LandInventory.Data.Areas;

public sealed class AreaConfiguration : IEntityTypeConfiguration<Area>
{
    public void Configure(EntityTypeBuilder<Area> builder)
    {
        builder.ToTable(AreaSchema.Layer.Table, t =>
        {
            t.HasCheckConstraint("ck_areas_id_slug", "id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'");
            t.HasCheckConstraint("ck_areas_names", "btrim(name_zh) <> '' AND btrim(name_en) <> ''");
        });
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasMaxLength(64);
        builder.Property(a => a.NameZh).HasMaxLength(100);
        builder.Property(a => a.NameEn).HasMaxLength(100);
        builder.HasMultiPolygon(nameof(Area.Boundary), "boundary", required: true);
        builder.Property(a => a.Version).IsRowVersion();
        builder.Property(a => a.CreatedAt).HasDefaultValueSql("now()").ValueGeneratedOnAdd();
        builder.Property(a => a.UpdatedAt).HasDefaultValueSql("now()").ValueGeneratedOnAddOrUpdate();
    }
}
