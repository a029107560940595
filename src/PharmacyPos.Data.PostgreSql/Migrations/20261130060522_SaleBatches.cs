using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

// A store that had settings before batches gets the default: a line without stock is refused.
namespace PharmacyPos.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class SaleBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "RefuseOutOfStock",
                table: "store_settings",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<long>(
                name: "BatchId",
                table: "order_lines",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ExpiresOn",
                table: "order_lines",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LotNo",
                table: "order_lines",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Manufacturer",
                table: "order_lines",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RefuseOutOfStock",
                table: "store_settings");

            migrationBuilder.DropColumn(
                name: "BatchId",
                table: "order_lines");

            migrationBuilder.DropColumn(
                name: "ExpiresOn",
                table: "order_lines");

            migrationBuilder.DropColumn(
                name: "LotNo",
                table: "order_lines");

            migrationBuilder.DropColumn(
                name: "Manufacturer",
                table: "order_lines");
        }
    }
}
