using LandInventory.Data.Spatial;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LandInventory.Data.Places;

public sealed class PlaceConfiguration : IEntityTypeConfiguration<Place>
{
    public void Configure(EntityTypeBuilder<Place> builder)
    {
        builder.ToTable(PlaceSchema.Layer.Table, t =>
        {
            t.HasCheckConstraint("ck_places_id_slug", "id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'");
            t.HasCheckConstraint("ck_places_names", "btrim(name_zh) <> '' AND btrim(name_en) <> ''");
        });
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(64);
        builder.Property(p => p.NameZh).HasMaxLength(100);
        builder.Property(p => p.NameEn).HasMaxLength(200);
        builder.HasPoint(nameof(Place.Location), "location");
        builder.HasIndex(p => p.Kind);
        builder.Property(p => p.Version).IsRowVersion();
        builder.Property(p => p.CreatedAt).HasDefaultValueSql("now()").ValueGeneratedOnAdd();
        builder.Property(p => p.UpdatedAt).HasDefaultValueSql("now()").ValueGeneratedOnAddOrUpdate();
    }
}
