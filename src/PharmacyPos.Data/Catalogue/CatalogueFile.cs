using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace PharmacyPos.Data.Catalogue;

/// <summary>Reads a CSV or XLSX catalogue into rows; the format is told by the file name.</summary>
public static class CatalogueFile
{
    public static bool IsSupported(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() is ".csv" or ".xlsx";

    public static IReadOnlyList<CatalogueRow> Read(Stream content, string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".csv" => ReadCsv(content),
            ".xlsx" => ReadXlsx(content),
            _ => throw new CatalogueFileException($"不支持的文件类型“{Path.GetExtension(fileName)}”，请上传 CSV 或 XLSX 文件。"),
        };

    private static List<CatalogueRow> ReadCsv(Stream content)
    {
        using var reader = ImportText.Open(content);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, BadDataFound = null, MissingFieldFound = null };
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
            throw new CatalogueFileException("文件为空或缺少表头行。");
        var header = csv.HeaderRecord;
        CheckHeader(header);
        var rows = new List<CatalogueRow>();
        while (csv.Read())
        {
            var cells = new Dictionary<string, string>();
            for (var i = 0; i < header.Length; i++)
                cells[header[i].Trim()] = csv.TryGetField<string>(i, out var v) ? Export.CsvExport.FromCell(v ?? "") : "";
            if (cells.Values.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add(new CatalogueRow(csv.Parser.Row, cells));
        }
        return rows;
    }

    private static List<CatalogueRow> ReadXlsx(Stream content)
    {
        List<IDictionary<string, object?>> sheet;
        try
        {
            sheet = content.Query(useHeaderRow: true, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>().ToList();
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IOException)
        {
            throw new CatalogueFileException("无法读取 XLSX 文件，请确认文件未损坏且为 Excel 2007 及以上格式。");
        }
        var header = sheet.FirstOrDefault()?.Keys.ToArray() ?? [];
        CheckHeader(header);
        var rows = new List<CatalogueRow>();
        for (var i = 0; i < sheet.Count; i++)
        {
            var cells = sheet[i].ToDictionary(kv => kv.Key.Trim(), kv => Convert.ToString(kv.Value, CultureInfo.InvariantCulture) ?? "");
            if (cells.Values.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add(new CatalogueRow(i + 2, cells)); // row 1 is the header
        }
        return rows;
    }

    private static void CheckHeader(IEnumerable<string> header)
    {
        var names = header.Select(h => h.Trim()).ToHashSet();
        var missing = CatalogueColumns.Required.Where(c => !names.Contains(c)).ToArray();
        if (missing.Length > 0)
            throw new CatalogueFileException($"表头缺少必需列：{string.Join("、", missing)}。表头应为：{string.Join(",", CatalogueColumns.All)}");
    }
}

/// <summary>The file as a whole cannot be read; no row was imported.</summary>
public sealed class CatalogueFileException(string message) : Exception(message);
