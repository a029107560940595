using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PharmacyPos.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StockBalances : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "OnHand",
                table: "stock_batches",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // The balance starts as the ledger's sum of every batch already held.
            migrationBuilder.Sql("""
                UPDATE stock_batches SET "OnHand" = COALESCE((SELECT SUM(m."Quantity") FROM stock_movements m WHERE m."BatchId" = stock_batches."Id"), 0);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OnHand",
                table: "stock_batches");
        }
    }
}
