namespace PharmacyPos.Data.Import;

/// <summary>One data row of an imported file, cells by header, before any validation.</summary>
public sealed record ImportRow(int RowNumber, IReadOnlyDictionary<string, string> Cells)
{
    public string this[string column] => Cells.TryGetValue(column, out var v) ? v.Trim() : "";
}

