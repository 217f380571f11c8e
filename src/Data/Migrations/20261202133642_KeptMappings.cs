using System;
using LandInventory.Data.Mappings;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandInventory.Data.Migrations
{
    /// <inheritdoc />
    public partial class KeptMappings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "kept_mappings",
                columns: table => new
                {
                    steward_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    layer = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kept_mappings", x => new { x.steward_id, x.name });
                    table.CheckConstraint("ck_kept_mappings_body", "length(body) <= 65536");
                    table.CheckConstraint("ck_kept_mappings_name", "btrim(name) <> '' AND name !~ '[/\\\\]'");
                    table.ForeignKey(
                        name: "fk_kept_mappings_stewards_steward_id",
                        column: x => x.steward_id,
                        principalTable: "stewards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.Sql(KeptMappingConfiguration.RowSecurity);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(KeptMappingConfiguration.DropRowSecurity);
            migrationBuilder.DropTable(
                name: "kept_mappings");
        }
    }
}
