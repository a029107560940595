using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace PharmacyPos.Data.Import;

/// <summary>
/// Reads an imported CSV or XLSX table into rows by heading; the format is told by the file name.
/// Every import (catalogue, receiving) reads through here, so each gets the same encodings, the
/// same refusal of a wrong header and the same row numbers in its error list.
/// </summary>
/// <param name="Required">Headings a file must have.</param>
/// <param name="All">Every heading, in order: what the refusal tells the user to write.</param>
public sealed record TableLayout(IReadOnlyList<string> Required, IReadOnlyList<string> All);

public static class TableFile
{
    public static bool IsSupported(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() is ".csv" or ".xlsx";

    public static IReadOnlyList<ImportRow> Read(Stream content, string fileName, TableLayout layout) =>
        Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".csv" => ReadCsv(content, layout),
            ".xlsx" => ReadXlsx(content, layout),
            _ => throw new ImportFileException($"不支持的文件类型“{Path.GetExtension(fileName)}”，请上传 CSV 或 XLSX 文件。"),
        };

    private static List<ImportRow> ReadCsv(Stream content, TableLayout layout)
    {
        using var reader = ImportText.Open(content);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, BadDataFound = null, MissingFieldFound = null };
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
            throw new ImportFileException("文件为空或缺少表头行。");
        var header = csv.HeaderRecord;
        CheckHeader(header, layout);
        var rows = new List<ImportRow>();
        while (csv.Read())
        {
            var cells = new Dictionary<string, string>();
            for (var i = 0; i < header.Length; i++)
                cells[header[i].Trim()] = csv.TryGetField<string>(i, out var v) ? Export.CsvExport.FromCell(v ?? "") : "";
            if (cells.Values.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add(new ImportRow(csv.Parser.Row, cells));
        }
        return rows;
    }

    private static List<ImportRow> ReadXlsx(Stream content, TableLayout layout)
    {
        List<IDictionary<string, object?>> sheet;
        try
        {
            sheet = content.Query(useHeaderRow: true, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>().ToList();
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IOException)
        {
            throw new ImportFileException("无法读取 XLSX 文件，请确认文件未损坏且为 Excel 2007 及以上格式。");
        }
        var header = sheet.FirstOrDefault()?.Keys.ToArray() ?? [];
        CheckHeader(header, layout);
        var rows = new List<ImportRow>();
        for (var i = 0; i < sheet.Count; i++)
        {
            var cells = sheet[i].ToDictionary(kv => kv.Key.Trim(), kv => Convert.ToString(kv.Value, CultureInfo.InvariantCulture) ?? "");
            if (cells.Values.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add(new ImportRow(i + 2, cells)); // row 1 is the header
        }
        return rows;
    }

    private static void CheckHeader(IEnumerable<string> header, TableLayout layout)
    {
        var names = header.Select(h => h.Trim()).ToHashSet();
        var missing = layout.Required.Where(c => !names.Contains(c)).ToArray();
        if (missing.Length > 0)
            throw new ImportFileException($"表头缺少必需列：{string.Join("、", missing)}。表头应为：{string.Join(",", layout.All)}");
    }
}

/// <summary>The file as a whole cannot be read; no row was imported.</summary>
public sealed class ImportFileException(string message) : Exception(message);
