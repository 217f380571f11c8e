using LandInventory.Data.Stewards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LandInventory.Data.Inquiries;

/// <summary>
/// The inquiries table: not an inventory layer (no history, no layer version, no change feed), with row security
/// (<see cref="RowSecurity"/>) so that the database itself keeps each bureau to its own inquiries.
/// </summary>
public sealed class InquiryConfiguration : IEntityTypeConfiguration<Inquiry>
{
    public const string Table = "inquiries";

    public const int MaxName = 100;
    public const int MaxCompany = 200;
    public const int MaxContact = 200;
    public const int MaxMessage = 4000;
    public const int MaxRequirements = 2000;

    /// <summary>
    /// Row security, forced on the table's owner too: anyone may add an inquiry that is new; reading, changing and deleting
    /// need the transaction to name the inquiry's bureau (<c>inventory.steward</c>) or every bureau
    /// (<c>inventory.every_bureau</c>: an admin, the retention sweep) — as the API does (HistoryTriggers.SetWriterSql).
    /// </summary>
    public static readonly string RowSecurity = BureauRowSecurity.Enable(Table, "inquiries_bureau")
        + $"CREATE POLICY inquiries_ask ON {Table} FOR INSERT WITH CHECK (status = 'new');";

    public static readonly string DropRowSecurity = $"DROP POLICY inquiries_ask ON {Table};\n" + BureauRowSecurity.Disable(Table, "inquiries_bureau");

    public void Configure(EntityTypeBuilder<Inquiry> builder)
    {
        builder.ToTable(Table, t =>
        {
            t.HasCheckConstraint("ck_inquiries_language", "language IN ('zh', 'en')");
            t.HasCheckConstraint("ck_inquiries_texts",
                "btrim(name) <> '' AND btrim(contact) <> '' AND btrim(message) <> ''");
        });
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Reference).HasMaxLength(16);
        builder.HasIndex(i => i.Reference).IsUnique();
        builder.Property(i => i.Layer).HasMaxLength(32);
        builder.Property(i => i.Code).HasMaxLength(64);
        builder.Property(i => i.StewardId).HasMaxLength(64);
        builder.HasOne(i => i.Steward).WithMany().HasForeignKey(i => i.StewardId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.StewardId, i.Status, i.CreatedAt });
        // The retention sweep deletes by age.
        builder.HasIndex(i => i.CreatedAt);
        builder.Property(i => i.Name).HasMaxLength(MaxName);
        builder.Property(i => i.Company).HasMaxLength(MaxCompany);
        builder.Property(i => i.Contact).HasMaxLength(MaxContact);
        builder.Property(i => i.Message).HasMaxLength(MaxMessage);
        builder.Property(i => i.Requirements).HasMaxLength(MaxRequirements);
        builder.Property(i => i.Language).HasMaxLength(2);
        builder.Property(i => i.Note).HasMaxLength(MaxMessage);
        builder.Property(i => i.HandledBy).HasMaxLength(200);
    }
}
