namespace PharmacyPos.Data.Export;

/// <summary>
/// What every export holds before it becomes a file: a heading row and typed cells. Amounts go
/// in as <see cref="Domain.Money"/>, identifiers as <see cref="CsvExport.Id"/>, counts as numbers,
/// everything else as text. <see cref="ReportFile"/> writes the same table as CSV or XLSX, so the
/// two files of one report can never disagree.
/// </summary>
public sealed record ReportTable(string Title, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<object?>> Rows);
