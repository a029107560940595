using System.Text;

namespace PharmacyPos.Domain.Receipts;

/// <summary>What a thermal printer prints: the copy as text lines, and where its 交易号 QR goes.</summary>
public sealed record ReceiptPrintout(IReadOnlyList<ReceiptRow> Rows);

/// <summary>A printed row; <see cref="Qr"/> rows carry the text a QR code encodes instead of text to print.</summary>
public sealed record ReceiptRow(string Text, bool Centered = false, bool Large = false, bool Qr = false);

/// <summary>
/// The receipt laid out in a thermal printer's columns: 32 on 58 mm paper, 48 on 80 mm, a Chinese
/// character taking two (as the printer's GB18030 font draws it). Long names wrap; amounts are
/// right-aligned in the last columns.
/// </summary>
public static class ReceiptText
{
    public static int ColumnsFor(int paperMm) => paperMm >= 80 ? 48 : 32;

    public static ReceiptPrintout Layout(ReceiptCopy copy, int columns)
    {
        var rows = new List<ReceiptRow> { new(copy.Heading.Name, Centered: true, Large: true), new("购药小票", Centered: true) };
        if (copy.IsReprint) rows.Add(new($"重打（第 {copy.PrintNo} 次打印）", Centered: true));
        void Text(string text) => rows.AddRange(Wrap(text, columns).Select(t => new ReceiptRow(t)));
        if (copy.Heading.Address.Length > 0) Text("地址：" + copy.Heading.Address);
        if (copy.Heading.Phone.Length > 0) Text("电话：" + copy.Heading.Phone);
        if (copy.Heading.FixmedinsCode.Length > 0) Text("医保定点编号：" + copy.Heading.FixmedinsCode);
        Text("交易号：" + copy.TradeNo);
        Text($"时间：{copy.Time}");
        Text($"终端：{copy.Terminal}" + (copy.Cashier is null ? "" : $"　收银员：{copy.Cashier}"));
        var rule = new string('-', columns);
        rows.Add(new(rule));
        foreach (var l in copy.Lines)
        {
            Text($"{l.Name} {l.Specification}");
            if (l.Manufacturer.Length > 0) Text("  " + l.Manufacturer);
            if (l.LotNo is not null) Text($"  批号 {l.LotNo} 有效期至 {l.ExpiresOn:yyyy-MM-dd}");
            rows.Add(new(Spread($"  {l.UnitPrice.ToYuanString()} × {l.Quantity}{l.Unit}", l.Amount.ToYuanString(), columns)));
        }
        rows.Add(new(rule));
        rows.Add(new(Spread("合计", Yuan(copy.Total.ToString()), columns)));
        foreach (var (label, amount) in copy.Payment) rows.Add(new(Spread(label, Yuan(amount), columns)));
        if (copy.Insured is not null) Text("参保人：" + copy.Insured);
        rows.Add(new(copy.TradeNo, Centered: true, Qr: true));
        rows.Add(new("凭小票退换，请妥善保管", Centered: true));
        foreach (var label in copy.SplitLabels)
        {
            rows.Add(new(rule));
            rows.Add(new("拆零药品标签", Centered: true, Large: true));
            Text("品名：" + label.Name);
            Text("规格：" + label.Specification);
            Text("数量：" + label.Quantity);
            Text("用法用量：" + SplitLabel.Usage);
            if (label.LotNo is not null) Text($"批号：{label.LotNo}");
            if (label.ExpiresOn is { } e) Text($"有效期至：{e:yyyy-MM-dd}");
            Text("药店：" + label.Store);
        }
        return new ReceiptPrintout(rows);
    }

    /// <summary>Amounts print with the full-width ￥ of the printers' GB2312 font (two columns, counted as such).</summary>
    private static string Yuan(string amount) => amount.Replace('¥', '￥');

    /// <summary>Columns a text takes on the printer: two for a wide (CJK, full-width) character, one otherwise.</summary>
    public static int Width(string text) => text.Sum(c => IsWide(c) ? 2 : 1);

    private static bool IsWide(char c) => c >= '\u1100' && (c <= '\u115F' || (c >= '\u2E80' && c <= '\uA4CF') || (c >= '\uAC00' && c <= '\uD7A3')
        || (c >= '\uF900' && c <= '\uFAFF') || (c >= '\uFE30' && c <= '\uFE4F') || (c >= '\uFF00' && c <= '\uFF60') || (c >= '\uFFE0' && c <= '\uFFE6'));

    /// <summary>Left text and right text on one row, the right one flush with the last column (on a row of its own if both do not fit).</summary>
    private static string Spread(string left, string right, int columns)
    {
        var gap = columns - Width(left) - Width(right);
        return gap >= 1 ? left + new string(' ', gap) + right : left + "\n" + new string(' ', Math.Max(0, columns - Width(right))) + right;
    }

    private static IEnumerable<string> Wrap(string text, int columns)
    {
        var row = new StringBuilder();
        var width = 0;
        foreach (var c in text)
        {
            var w = IsWide(c) ? 2 : 1;
            if (width + w > columns)
            {
                yield return row.ToString();
                (row, width) = (new StringBuilder("  "), 2);
            }
            row.Append(c);
            width += w;
        }
        if (row.Length > 0) yield return row.ToString();
    }
}
