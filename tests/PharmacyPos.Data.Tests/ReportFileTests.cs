using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using MiniExcelLibs;
using PharmacyPos.Data.Export;
using PharmacyPos.Domain;

namespace PharmacyPos.Data.Tests;

/// <summary>One table, two files: Excel keeps identifiers whole and amounts as numbers in both.</summary>
public class ReportFileTests
{
    private static readonly ReportTable Table = new("销售报表", ["交易号", "身份证号", "金额", "笔数", "说明"],
    [
        [new CsvExport.Id("202611291234560001010042"), new CsvExport.Id("11010519491231002X"), new Money(12345), 3, "=HYPERLINK(1)"],
        [new CsvExport.Id("202611291234560001010043"), null, new Money(-1230), 1, "张三"],
    ]);

    [Fact]
    public void The_xlsx_keeps_identifiers_as_text_and_amounts_as_numbers_with_two_decimals()
    {
        var bytes = ReportFile.Write(Table, ExportFormat.Xlsx);
        var rows = new MemoryStream(bytes).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

        Assert.Equal(2, rows.Count);
        Assert.Equal("202611291234560001010042", rows[0]["交易号"]);
        Assert.Equal("11010519491231002X", rows[0]["身份证号"]);
        Assert.Equal(123.45m, Convert.ToDecimal(rows[0]["金额"], CultureInfo.InvariantCulture));
        Assert.IsNotType<string>(rows[0]["金额"]);
        Assert.Equal(-12.30m, Convert.ToDecimal(rows[1]["金额"], CultureInfo.InvariantCulture));
        Assert.Equal(3m, Convert.ToDecimal(rows[0]["笔数"], CultureInfo.InvariantCulture));
        Assert.Equal("=HYPERLINK(1)", rows[0]["说明"]);
        using var zip = new ZipArchive(new MemoryStream(bytes));
        var sheet = new StreamReader(zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/")).Open()).ReadToEnd();
        Assert.DoesNotContain("<f>", sheet); // typed text never becomes a formula
        var styles = new StreamReader(zip.GetEntry("xl/styles.xml")!.Open()).ReadToEnd();
        Assert.Contains("formatCode=\"0.00\"", styles);
    }

    [Fact]
    public void The_csv_of_the_same_table_keeps_identifiers_whole_and_defuses_formulas()
    {
        // StreamReader drops the BOM as Excel does.
        using var csv = new CsvReader(new StreamReader(new MemoryStream(ReportFile.Write(Table, ExportFormat.Csv)), Encoding.UTF8), CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();

        Assert.Equal("=\"202611291234560001010042\"", rows[0]["交易号"]);
        Assert.Equal("123.45", rows[0]["金额"]);
        Assert.Equal("-12.30", rows[1]["金额"]);
        Assert.Equal("'=HYPERLINK(1)", rows[0]["说明"]);
    }

    [Fact]
    public void An_empty_report_still_carries_its_headings()
    {
        var rows = new MemoryStream(ReportFile.Write(Table with { Rows = [] }, ExportFormat.Xlsx)).Query().ToList();
        Assert.Equal("交易号", ((IDictionary<string, object?>)rows[0])["A"]);
    }

    [Theory]
    [InlineData(null, true, ExportFormat.Csv)]
    [InlineData("csv", true, ExportFormat.Csv)]
    [InlineData("XLSX", true, ExportFormat.Xlsx)]
    [InlineData("pdf", false, ExportFormat.Csv)]
    public void Only_csv_and_xlsx_are_formats(string? text, bool known, ExportFormat format)
    {
        Assert.Equal(known, ReportFile.TryParseFormat(text, out var parsed));
        Assert.Equal(format, parsed);
    }
}
