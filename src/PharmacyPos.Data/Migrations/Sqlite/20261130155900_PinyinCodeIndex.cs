using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PharmacyPos.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PinyinCodeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_drugs_PinyinInitials",
                table: "drugs");

            migrationBuilder.CreateIndex(
                name: "IX_drugs_PinyinInitials_Code",
                table: "drugs",
                columns: new[] { "PinyinInitials", "Code" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_drugs_PinyinInitials_Code",
                table: "drugs");

            migrationBuilder.CreateIndex(
                name: "IX_drugs_PinyinInitials",
                table: "drugs",
                column: "PinyinInitials");
        }
    }
}
