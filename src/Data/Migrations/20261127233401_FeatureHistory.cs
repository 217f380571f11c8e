using System;
using System.Text.Json;
using LandInventory.Data.History;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LandInventory.Data.Migrations
{
    /// <inheritdoc />
    public partial class FeatureHistory : Migration
    {
        /// <summary>Table, primary key, the key features are known by, geometry column: the tables this migration recorded.</summary>
        private static readonly (string Table, string PrimaryKey, string Key, string Geometry)[] Tables = new[] { ("areas", "id", "id", "boundary"), ("land_parcels", "id", "code", "boundary"), ("industrial_carriers", "id", "code", "location"), ("buildings", "id", "code", "footprint") };

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {




            migrationBuilder.CreateTable(
                name: "feature_history",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    layer = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    operation = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    fields = table.Column<string[]>(type: "text[]", nullable: false, defaultValueSql: "'{}'"),
                    changes = table.Column<JsonDocument>(type: "jsonb", nullable: true),
                    state = table.Column<JsonDocument>(type: "jsonb", nullable: false),
                    old_geometry = table.Column<Geometry>(type: "geometry(Geometry,4326)", nullable: true),
                    new_geometry = table.Column<Geometry>(type: "geometry(Geometry,4326)", nullable: true),
                    xact = table.Column<long>(type: "bigint", nullable: false, defaultValueSql: "pg_current_xact_id()::text::bigint")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feature_history", x => x.id);
                    table.CheckConstraint("ck_feature_history_operation", "operation IN ('insert', 'update', 'delete', 'baseline')");
                });

            migrationBuilder.CreateIndex(
                name: "ix_feature_history_changed_at",
                table: "feature_history",
                column: "changed_at")
                .Annotation("Npgsql:IndexMethod", "brin");

            migrationBuilder.CreateIndex(
                name: "ix_feature_history_layer_code_id",
                table: "feature_history",
                columns: new[] { "layer", "code", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_feature_history_xact",
                table: "feature_history",
                column: "xact")
                .Annotation("Npgsql:IndexMethod", "brin");

            // Row versions are PostgreSQL's own xmin (a system column): nothing to add.
            migrationBuilder.Sql(HistoryTriggers.CreateFunctions);
            migrationBuilder.Sql(HistoryTriggers.CreateRecorder);
            foreach (var statement in Tables.SelectMany(HistoryTriggers.Create))
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Tables.SelectMany(HistoryTriggers.Drop))
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.Sql(HistoryTriggers.DropFunctions);

            migrationBuilder.DropTable(
                name: "feature_history");




        }
    }
}
