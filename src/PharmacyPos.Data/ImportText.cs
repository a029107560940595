using System.Text;

namespace PharmacyPos.Data;

/// <summary>
/// The text of an imported CSV as the person who saved it meant it: UTF-8 with or without a BOM
/// (and UTF-16 with one), else GB18030, which is what Excel on Chinese Windows writes for
/// "CSV (逗号分隔)". One place for every import, so no import refuses a right header for its bytes.
/// </summary>
public static class ImportText
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static TextReader Open(Stream content)
    {
        using var copy = new MemoryStream();
        content.CopyTo(copy);
        var bytes = copy.ToArray();
        return new StringReader(Decode(bytes));
    }

    public static string Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble)) return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        if (bytes.AsSpan().StartsWith(Encoding.Unicode.Preamble)) return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        if (bytes.AsSpan().StartsWith(Encoding.BigEndianUnicode.Preamble)) return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: a Chinese Windows ANSI file (GBK is a subset of GB18030).
            return Gb18030.GetString(bytes);
        }
    }

    /// <summary>.NET Core knows GB18030 only through the code-pages provider: registered once, on first need.</summary>
    private static readonly Lazy<Encoding> Gb18030Encoding = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936);
    });

    private static Encoding Gb18030 => Gb18030Encoding.Value;
}
