using System.Text;
using PharmacyPos.Data.Audit;
using PharmacyPos.Data.Export;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Staff;
using PharmacyPos.TestSupport;

namespace PharmacyPos.Data.Tests;

/// <summary>What somebody else typed never reaches a spreadsheet as a live formula.</summary>
public class CsvExportTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData("=cmd|' /c calc'!a0", "'=cmd|' /c calc'!a0")]
    [InlineData("=HYPERLINK(\"http://x\",\"点我\")", "'=HYPERLINK(\"http://x\",\"点我\")")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("张三", "张三")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void A_text_cell_that_a_spreadsheet_would_run_is_written_as_text(string typed, string written) =>
        Assert.Equal(written, CsvExport.Cell(typed));

    [Theory]
    [InlineData("202611291234560001010042", "=\"202611291234560001010042\"")] // a 交易号: 24 digits Excel would round to 2.02611E+23
    [InlineData("11010519491231002X", "=\"11010519491231002X\"")]
    [InlineData("=HYPERLINK(1)", "'=HYPERLINK(1)")] // not an identifier: defused like any text
    public void An_identifier_is_written_as_text_excel_keeps_whole(string id, string written) =>
        Assert.Equal(written, CsvExport.Cell(new CsvExport.Id(id)));

    [Fact]
    public void Amounts_stay_numbers_negative_ones_too() =>
        Assert.Equal(["-12.30", "0.50", "7"], new object[] { new Money(-1230), 0.50m, 7 }.Select(CsvExport.Cell));

    [Fact]
    public async Task A_sign_in_name_that_is_a_formula_is_defused_in_the_audit_export()
    {
        await using (var db = _db.NewContext())
        {
            db.AddAudit(AuditActions.SignInFailed, detail: "=HYPERLINK(\"http://evil\")", actor: new Actor("=cmd|' /c calc'!a0", "未知", null));
            await db.SaveChangesAsync();
        }
        await using var read = _db.NewContext();
        var csv = Encoding.UTF8.GetString(ReportFile.Write(await new AuditSearch(read).ExportAsync(new AuditQuery(0, null, null, null, null, null)), ExportFormat.Csv));
        Assert.Contains("'=cmd|' /c calc'!a0", csv);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", csv);
        Assert.DoesNotContain(",=", csv);
        Assert.DoesNotContain(",\"=", csv);
    }

    [Fact]
    public void A_purchaser_name_that_is_a_formula_is_defused_in_the_registration_ledger()
    {
        var (registration, errors) = Domain.Registration.PurchaseRegistration.Fill(
            new("=HYPERLINK(\"http://evil\")", "11010519491231002X", "13800138000", "本人"), "张三", "330100001234567",
            Domain.Orders.PaymentMethod.InsuranceAccount, Money.FromYuan(250));
        Assert.Empty(errors);
        registration!.Attach(Domain.Orders.TradeNo.Parse("202611291000000101000001"), 1, DateTimeOffset.UtcNow);
        var csv = Encoding.UTF8.GetString(ReportFile.Write(Registrations.RegistrationLedger.Table([registration]), ExportFormat.Csv));
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", csv);
        // The only cells that start with = are the identifiers' ="…" of letters and digits, which Excel keeps as text.
        Assert.DoesNotMatch(",\"=(?!\"\"[0-9A-Za-z]+\"\"\")", csv);
        Assert.Contains(",\"=\"\"202611291000000101000001\"\"\",", csv);
        Assert.Contains(",\"=\"\"11010519491231002X\"\"\",", csv);
    }
}
