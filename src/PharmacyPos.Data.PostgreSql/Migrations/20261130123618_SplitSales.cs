using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PharmacyPos.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class SplitSales : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsSplit",
                table: "order_lines",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "UnitsPerQuantity",
                table: "order_lines",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "split_sales",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StoreId = table.Column<int>(type: "integer", nullable: false),
                    TradeNo = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    SoldAt = table.Column<long>(type: "bigint", nullable: false),
                    DrugCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DrugName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Specification = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Manufacturer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LotNo = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    Unit = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_split_sales", x => new { x.StoreId, x.Id });
                });

            migrationBuilder.CreateIndex(
                name: "IX_split_sales_StoreId_SoldAt",
                table: "split_sales",
                columns: new[] { "StoreId", "SoldAt" });

            migrationBuilder.CreateIndex(
                name: "IX_split_sales_StoreId_TradeNo",
                table: "split_sales",
                columns: new[] { "StoreId", "TradeNo" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "split_sales");

            migrationBuilder.DropColumn(
                name: "IsSplit",
                table: "order_lines");

            migrationBuilder.DropColumn(
                name: "UnitsPerQuantity",
                table: "order_lines");
        }
    }
}
