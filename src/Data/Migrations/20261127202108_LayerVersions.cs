using System;
using LandInventory.Data.Versions;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace LandInventory.Data.Migrations
{
    /// <inheritdoc />
    public partial class LayerVersions : Migration
    {
        /// <summary>The tables this migration gave version triggers: a later layer's migration adds its own.</summary>
        private static readonly string[] Tables = new[] { "areas", "land_parcels", "industrial_carriers", "buildings" };

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "layer_versions",
                columns: table => new
                {
                    layer = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_layer_versions", x => x.layer);
                });

            migrationBuilder.InsertData(
                table: "layer_versions",
                columns: new[] { "layer", "changed_at", "version" },
                values: new object[,]
                {
                    { "areas", new DateTimeOffset(new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1L },
                    { "buildings", new DateTimeOffset(new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1L },
                    { "industrial_carriers", new DateTimeOffset(new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1L },
                    { "land_parcels", new DateTimeOffset(new DateTime(2026, 11, 27, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1L }
                });

            migrationBuilder.Sql(LayerVersionTriggers.CreateFunction);
            foreach (var statement in Tables.SelectMany(LayerVersionTriggers.Create))
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Tables.SelectMany(LayerVersionTriggers.Drop))
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.Sql(LayerVersionTriggers.DropFunction);

            migrationBuilder.DropTable(
                name: "layer_versions");
        }
    }
}
