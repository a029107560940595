using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

// A store that had settings before batches gets the default: a line without stock is refused.
namespace PharmacyPos.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<long>(
                name: "BatchId",
                table: "order_lines",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ExpiresOn",
                table: "order_lines",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LotNo",
                table: "order_lines",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Manufacturer",
                table: "order_lines",
                type: "TEXT",
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
