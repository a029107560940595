using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace PharmacyPos.Data.Export;

public enum ExportFormat { Csv, Xlsx }

/// <summary>
/// The one export writer: a <see cref="ReportTable"/> as CSV (through <see cref="CsvExport"/>,
/// with its formula and identifier rules) or as XLSX with typed cells: amounts are numbers shown
/// with 2 decimals, identifiers and text are strings (an XLSX string cell is never run as a
/// formula, so nothing needs defusing there), counts are numbers.
/// </summary>
public static class ReportFile
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>"csv", "xlsx" or nothing (CSV); anything else is not a format the POS writes.</summary>
    public static bool TryParseFormat(string? text, out ExportFormat format)
    {
        format = ExportFormat.Csv;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "csv": return true;
            case "xlsx": format = ExportFormat.Xlsx; return true;
            default: return false;
        }
    }

    public static string Extension(ExportFormat format) => format == ExportFormat.Xlsx ? "xlsx" : "csv";

    public static string ContentType(ExportFormat format) => format == ExportFormat.Xlsx ? XlsxContentType : "text/csv";

    public static byte[] Write(ReportTable table, ExportFormat format) =>
        format == ExportFormat.Xlsx ? Xlsx(table) : CsvExport.Write(table.Header, table.Rows);

    public static byte[] Xlsx(ReportTable table)
    {
        var header = UniqueHeadings(table.Header);
        var rows = table.Rows.Select(row =>
        {
            var cells = new Dictionary<string, object?>(header.Count);
            for (var i = 0; i < header.Count; i++) cells[header[i]] = i < row.Count ? XlsxCell(row[i]) : null;
            return cells;
        }).ToList();
        // A table without rows still carries its headings, so the file says what it would hold.
        if (rows.Count == 0) rows.Add(header.ToDictionary(h => h, _ => (object?)null));
        var amountColumns = header.Where((_, i) => table.Rows.Any(r => i < r.Count && r[i] is Domain.Money));
        var config = new OpenXmlConfiguration
        {
            DynamicColumns = [.. amountColumns.Select(h => new DynamicExcelColumn(h) { Format = "0.00" })],
            FastMode = true,
        };
        using var buffer = new MemoryStream();
        buffer.SaveAs(rows, sheetName: SheetName(table.Title), excelType: ExcelType.XLSX, configuration: config);
        return buffer.ToArray();
    }

    private static object? XlsxCell(object? value) => value switch
    {
        Domain.Money m => m.Yuan,
        CsvExport.Id id => id.Value,
        _ => value,
    };

    /// <summary>Excel's sheet names: at most 31 characters, none of : \ / ? * [ ].</summary>
    private static string SheetName(string title)
    {
        var name = new string([.. title.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']'))]);
        return name.Length == 0 ? "Sheet1" : name[..Math.Min(name.Length, 31)];
    }

    private static IReadOnlyList<string> UniqueHeadings(IReadOnlyList<string> header)
    {
        var seen = new HashSet<string>();
        return [.. header.Select(h => { var name = h; for (var n = 2; !seen.Add(name); n++) name = $"{h}{n}"; return name; })];
    }
}
