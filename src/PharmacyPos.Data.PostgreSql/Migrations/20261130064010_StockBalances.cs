using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PharmacyPos.Data.PostgreSql.Migrations
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // The balance starts as the ledger's sum of every batch already held.
            migrationBuilder.Sql("""
                UPDATE stock_batches SET "OnHand" = COALESCE((SELECT SUM(m."Quantity") FROM stock_movements m WHERE m."BatchId" = stock_batches."Id"), 0);
                """);

            // From now on the database keeps it: every movement inserted moves its batch's balance in the same statement,
            // whoever inserts it; and the ledger is append-only, so the balance can never drift from the sum.
            migrationBuilder.Sql("""
                CREATE FUNCTION stock_movements_balance() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE stock_batches SET "OnHand" = "OnHand" + NEW."Quantity" WHERE "Id" = NEW."BatchId" AND "StoreId" = NEW."StoreId";
                    RETURN NEW;
                END $$;
                CREATE TRIGGER stock_movements_balance AFTER INSERT ON stock_movements
                    FOR EACH ROW EXECUTE FUNCTION stock_movements_balance();
                CREATE FUNCTION stock_movements_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'stock_movements is append-only'; END $$;
                CREATE TRIGGER stock_movements_no_rewrite BEFORE UPDATE OR DELETE ON stock_movements
                    FOR EACH ROW EXECUTE FUNCTION stock_movements_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS stock_movements_balance ON stock_movements; DROP FUNCTION IF EXISTS stock_movements_balance();
                DROP TRIGGER IF EXISTS stock_movements_no_rewrite ON stock_movements; DROP FUNCTION IF EXISTS stock_movements_append_only();
                """);
            migrationBuilder.DropColumn(
                name: "OnHand",
                table: "stock_batches");
        }
    }
}
