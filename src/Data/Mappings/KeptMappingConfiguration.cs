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

    /// <summary>
    /// Row security, forced on the table's owner too: reading and writing need the transaction to name the mapping's
    /// bureau (<c>inventory.steward</c>) or every bureau (<c>inventory.every_bureau</c>: an admin, the command line).
    /// </summary>
    public const string RowSecurity = $"""
        ALTER TABLE {Table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE {Table} FORCE ROW LEVEL SECURITY;
        CREATE POLICY kept_mappings_bureau ON {Table} FOR ALL
          USING (current_setting('inventory.every_bureau', true) IS NOT DISTINCT FROM 'on'
                 OR steward_id = nullif(current_setting('inventory.steward', true), ''))
          WITH CHECK (current_setting('inventory.every_bureau', true) IS NOT DISTINCT FROM 'on'
                 OR steward_id = nullif(current_setting('inventory.steward', true), ''));
        """;

    public const string DropRowSecurity = $"""
        DROP POLICY kept_mappings_bureau ON {Table};
        ALTER TABLE {Table} NO FORCE ROW LEVEL SECURITY; ALTER TABLE {Table} DISABLE ROW LEVEL SECURITY;
        """;

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
