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

            // From now on the database keeps it: every movement inserted moves its batch's balance in the same statement,
            // whoever inserts it; and the ledger is append-only, so the balance can never drift from the sum.
            migrationBuilder.Sql("""
                CREATE TRIGGER stock_movements_balance AFTER INSERT ON stock_movements BEGIN
                    UPDATE stock_batches SET "OnHand" = "OnHand" + NEW."Quantity" WHERE "Id" = NEW."BatchId" AND "StoreId" = NEW."StoreId";
                END;
                """);
            migrationBuilder.Sql("CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS stock_movements_balance; DROP TRIGGER IF EXISTS stock_movements_no_update; DROP TRIGGER IF EXISTS stock_movements_no_delete;");
            migrationBuilder.DropColumn(
                name: "OnHand",
                table: "stock_batches");
        }
    }
}
