using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PharmacyPos.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class UnsealedIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_registrations_unsealed",
                table: "registrations",
                columns: new[] { "StoreId", "Id" },
                filter: "(\"PurchaserId\" <> '' AND \"PurchaserId\" NOT LIKE 'pd1:%') OR (\"PsnNo\" <> '' AND \"PsnNo\" NOT LIKE 'pd1:%')");

            migrationBuilder.CreateIndex(
                name: "ix_orders_unsealed",
                table: "orders",
                columns: new[] { "StoreId", "Id", "PsnNo" },
                filter: "(\"PsnNo\" <> '' AND \"PsnNo\" NOT LIKE 'pd1:%')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_registrations_unsealed",
                table: "registrations");

            migrationBuilder.DropIndex(
                name: "ix_orders_unsealed",
                table: "orders");
        }
    }
}
