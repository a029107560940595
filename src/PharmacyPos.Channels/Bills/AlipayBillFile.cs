using System.Globalization;
using System.IO.Compression;
using System.Text;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Reconciliation;

namespace PharmacyPos.Channels.Bills;

/// <summary>
/// Alipay's trade bill (bill_type=trade): a zip holding a GBK CSV "…_业务明细.csv" whose
/// comment lines start with '#', with one row per 交易 or 退款. 商家实收 is negative on a refund.
/// The sandbox writes it and the client reads it with the same column names.
/// </summary>
public static class AlipayBillFile
{
    public const string TradeNoColumn = "支付宝交易号", OutTradeNoColumn = "商户订单号", TypeColumn = "业务类型",
        ReceivedColumn = "商家实收（元）", RefundNoColumn = "退款批次号/请求号";

    public static readonly string[] Header =
    [
        TradeNoColumn, OutTradeNoColumn, TypeColumn, "商品名称", "创建时间", "完成时间", "门店编号", "门店名称", "操作员", "终端号", "对方账户",
        "订单金额（元）", ReceivedColumn, "支付宝红包（元）", "集分宝（元）", "支付宝优惠（元）", "商家优惠（元）", "券核销金额（元）", "券名称",
        "商家红包消费金额（元）", "卡消费金额（元）", RefundNoColumn, "服务费（元）", "分润（元）", "备注",
    ];

    public static Encoding Gbk
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GBK");
        }
    }

    /// <summary>Rows: (channel trade no, out trade no, 交易/退款, subject, time, amount, refund no).</summary>
    public static byte[] Write(string pid, DateOnly day, IEnumerable<(string TradeNo, string OutTradeNo, string Type, string Subject, DateTimeOffset Time, Money Amount, string? RefundNo)> rows)
    {
        var csv = new StringBuilder();
        csv.AppendLine("#支付宝业务明细查询");
        csv.AppendLine(CultureInfo.InvariantCulture, $"#账号：[{pid}]");
        csv.AppendLine(CultureInfo.InvariantCulture, $"#起始日期：[{day:yyyy年MM月dd日} 00:00:00]   终止日期：[{day.AddDays(1):yyyy年MM月dd日} 00:00:00]");
        csv.AppendLine("#-----------------------------------------业务明细列表----------------------------------------");
        csv.AppendLine(string.Join(',', Header));
        var count = 0;
        foreach (var r in rows)
        {
            count++;
            var received = r.Type == "退款" ? "-" + r.Amount.ToYuanString() : r.Amount.ToYuanString();
            var time = BeijingTime.From(r.Time).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            string[] cells = [r.TradeNo, r.OutTradeNo, r.Type, r.Subject.Replace(',', '，'), time, time, "", "", "", "", "", r.Amount.ToYuanString(), received,
                "0.00", "0.00", "0.00", "0.00", "0.00", "", "0.00", "0.00", r.RefundNo ?? "", "0.00", "0.00", ""];
            csv.AppendLine(string.Join(',', cells.Select(c => c + "\t")));
        }
        csv.AppendLine("#-----------------------------------------业务明细列表结束------------------------------------");
        csv.AppendLine(CultureInfo.InvariantCulture, $"#交易合计：{count}笔");
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = archive.CreateEntry($"{pid}_{day:yyyyMMdd}_业务明细.csv");
            using var stream = entry.Open();
            stream.Write(Gbk.GetBytes(csv.ToString()));
        }
        return zip.ToArray();
    }

    /// <summary>The bill's lines, or null when the file is not a readable trade bill.</summary>
    public static IReadOnlyList<BillLine>? Read(byte[] zipBytes)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
            var entry = archive.Entries.FirstOrDefault(e => e.Name.EndsWith("业务明细.csv", StringComparison.Ordinal));
            if (entry is null) return null;
            using var reader = new StreamReader(entry.Open(), Gbk);
            string[]? header = null;
            var lines = new List<BillLine>();
            while (reader.ReadLine() is { } line)
            {
                if (line.StartsWith('#') || line.Length == 0) continue;
                var cells = line.Split(',').Select(c => c.Trim()).ToArray();
                if (header is null) { header = cells; continue; }
                string Cell(string name) => Array.IndexOf(header, name) is var i and >= 0 && i < cells.Length ? cells[i] : "";
                if (!Money.TryParse(Cell(ReceivedColumn).TrimStart('-'), out var amount)) return null;
                var refund = Cell(TypeColumn) == "退款";
                lines.Add(new BillLine(Cell(OutTradeNoColumn), refund && Cell(RefundNoColumn).Length > 0 ? Cell(RefundNoColumn) : null,
                    refund ? BillLineKind.Refund : BillLineKind.Payment, amount));
            }
            return header is null ? null : lines;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
