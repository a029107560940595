using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PharmacyPos.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StockBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "NearExpiryDays",
                table: "store_settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 90);

            migrationBuilder.CreateTable(
                name: "stock_batches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    DrugCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    LotNo = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ProducedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Supplier = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CostPrice = table.Column<long>(type: "INTEGER", nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stock_batches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "stock_movements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    BatchId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    TradeNo = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stock_movements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_stock_movements_stock_batches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "stock_batches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_stock_batches_StoreId_DrugCode_LotNo",
                table: "stock_batches",
                columns: new[] { "StoreId", "DrugCode", "LotNo" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_stock_batches_StoreId_ExpiresOn",
                table: "stock_batches",
                columns: new[] { "StoreId", "ExpiresOn" });

            migrationBuilder.CreateIndex(
                name: "IX_stock_movements_BatchId_Quantity",
                table: "stock_movements",
                columns: new[] { "BatchId", "Quantity" });

            migrationBuilder.CreateIndex(
                name: "IX_stock_movements_StoreId_TradeNo",
                table: "stock_movements",
                columns: new[] { "StoreId", "TradeNo" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stock_movements");

            migrationBuilder.DropTable(
                name: "stock_batches");

            migrationBuilder.DropColumn(
                name: "NearExpiryDays",
                table: "store_settings");
        }
    }
}
