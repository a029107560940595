using System.Globalization;
using System.Text;
using CsvHelper;

namespace PharmacyPos.Data.Export;

/// <summary>
/// The one way the POS writes a CSV file: UTF-8 with a BOM (so Excel shows the Chinese), quoted
/// by CsvHelper, and with every text cell that a spreadsheet would run as a formula defused.
/// A user name, a purchaser's name or a channel's message is typed by somebody else; a cell
/// starting with = + - @, a tab or a carriage return is a formula (or DDE call) to Excel and
/// WPS, so it is written with a leading apostrophe, which they show as text (OWASP's rule).
/// Amounts go in as <see cref="Domain.Money"/> or numbers and stay numbers, negative ones too.
/// Long numbers that are names, not quantities (交易号, 身份证号, 人员编号), go in as <see cref="Id"/>
/// and are written so Excel keeps every digit as text instead of showing 2.02611E+23.
/// </summary>
public static class CsvExport
{
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            WriteRow(csv, header);
            foreach (var row in rows) WriteRow(csv, row);
        }
        return buffer.ToArray();
    }

    public static async Task<byte[]> WriteAsync(IReadOnlyList<string> header, IAsyncEnumerable<IReadOnlyList<object?>> rows, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        await using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            WriteRow(csv, header);
            await foreach (var row in rows.WithCancellation(ct)) WriteRow(csv, row);
        }
        return buffer.ToArray();
    }

    private static void WriteRow(CsvWriter csv, IReadOnlyList<object?> cells)
    {
        foreach (var cell in cells) csv.WriteField(Cell(cell));
        csv.NextRecord();
    }

    /// <summary>An identifier made of digits (and letters): text to a spreadsheet, whatever it looks like.</summary>
    public readonly record struct Id(string Value);

    /// <summary>What one cell holds as text: numbers in invariant form, identifiers as Excel text, text defused.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        // ="…" is the one CSV form Excel and WPS open as text; only letters and digits go inside, so it carries nothing else.
        Id { Value: var v } when v.Length > 0 && v.All(char.IsAsciiLetterOrDigit) => $"=\"{v}\"",
        Id { Value: var v } => Defuse(v),
        Domain.Money m => m.ToYuanString(),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => Defuse(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    /// <summary>
    /// A cell of a file this writer made, as it was before writing: ="…" around an identifier and
    /// the apostrophe before a defused formula come off, so an exported file imports unchanged.
    /// </summary>
    public static string FromCell(string cell)
    {
        if (cell.Length > 3 && cell.StartsWith("=\"", StringComparison.Ordinal) && cell.EndsWith('"') && cell[2..^1].All(char.IsAsciiLetterOrDigit))
            return cell[2..^1];
        return cell.Length > 1 && cell[0] == '\'' && cell[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? cell[1..] : cell;
    }

    /// <summary>Text a spreadsheet would read as a formula gets a leading apostrophe; anything else is left as it is.</summary>
    public static string Defuse(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
