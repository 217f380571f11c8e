using LandInventory.Data.Stewards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LandInventory.Data.Mappings;

/// <summary>
/// The kept mappings table: a bureau's own, not an inventory layer (no history, no layer version), with row security
/// (<see cref="RowSecurity"/>) so that the database itself keeps each bureau to its own mappings.
/// </summary>
public sealed class KeptMappingConfiguration : IEntityTypeConfiguration<KeptMapping>
{
    public const string Table = "kept_mappings";

    public const int MaxName = 64;

    /// <summary>A mapping's JSON at most: a few hundred fields.</summary>
    public const int MaxBody = 65_536;

    /// <summary>How many mappings a bureau may keep (so that a list of them is bounded).</summary>
    public const int MaxPerBureau = 200;

    /// <summary>Row security (<see cref="BureauRowSecurity"/>): a transaction sees and changes its named bureau's mappings only.</summary>
    public static readonly string RowSecurity = BureauRowSecurity.Enable(Table, "kept_mappings_bureau");

    public static readonly string DropRowSecurity = BureauRowSecurity.Disable(Table, "kept_mappings_bureau");

    public void Configure(EntityTypeBuilder<KeptMapping> builder)
    {
        builder.ToTable(Table, t =>
        {
            t.HasCheckConstraint("ck_kept_mappings_name", "btrim(name) <> '' AND name !~ '[/\\\\]'");
            t.HasCheckConstraint("ck_kept_mappings_body", $"length(body) <= {MaxBody}");
        });
        builder.HasKey(m => new { m.StewardId, m.Name });
        builder.Property(m => m.StewardId).HasMaxLength(64);
        builder.Property(m => m.Name).HasMaxLength(MaxName);
        builder.Property(m => m.Layer).HasMaxLength(32);
        builder.Property(m => m.UpdatedBy).HasMaxLength(200);
        builder.HasOne(m => m.Steward).WithMany().HasForeignKey(m => m.StewardId).OnDelete(DeleteBehavior.Restrict);
    }
}
