using System.Globalization;
using System.Text;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Reconciliation;

namespace PharmacyPos.Channels.Bills;

/// <summary>
/// WeChat Pay v2 downloadbill (bill_type=ALL): plain text, a header row, one row per trade with
/// every value prefixed by a backtick, then a totals header and row. 交易状态 is SUCCESS for a
/// payment, REFUND for a refund (with 商户退款单号 and 退款金额), REVOKED for a reversed one.
/// </summary>
public static class WeChatBillFile
{
    public static readonly string[] Header =
    [
        "交易时间", "公众账号ID", "商户号", "特约商户号", "设备号", "微信订单号", "商户订单号", "用户标识", "交易类型", "交易状态", "付款银行", "货币种类",
        "应结订单金额", "代金券金额", "微信退款单号", "商户退款单号", "退款金额", "充值券退款金额", "退款类型", "退款状态", "商品名称", "商户数据包",
        "手续费", "费率", "订单金额", "申请退款金额", "费率备注",
    ];

    public static string Write(string appId, string mchId,
        IEnumerable<(DateTimeOffset Time, string TransactionId, string OutTradeNo, string State, Money Amount, string? RefundNo, Money Refund, string Subject)> rows)
    {
        var text = new StringBuilder(string.Join(',', Header)).Append("\r\n");
        int count = 0;
        long settled = 0, refunded = 0;
        foreach (var r in rows)
        {
            count++;
            var payment = r.State == "REFUND" ? Money.Zero : r.Amount;
            settled += payment.Fen;
            refunded += r.Refund.Fen;
            string[] cells = [BeijingTime.From(r.Time).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), appId, mchId, "0", "", r.TransactionId,
                r.OutTradeNo, "oSandboxUser", "MICROPAY", r.State, "OTHERS", "CNY", payment.ToYuanString(), "0.00",
                r.RefundNo is null ? "0" : "50" + r.RefundNo, r.RefundNo ?? "0", r.Refund.ToYuanString(), "0.00", r.RefundNo is null ? "" : "ORIGINAL",
                r.RefundNo is null ? "" : "SUCCESS", r.Subject.Replace(',', '，'), "", "0.00", "0.60%", r.Amount.ToYuanString(), r.Refund.ToYuanString(), ""];
            text.Append(string.Join(',', cells.Select(c => "`" + c))).Append("\r\n");
        }
        text.Append("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n");
        text.Append(CultureInfo.InvariantCulture, $"`{count},`{new Money(settled).ToYuanString()},`{new Money(refunded).ToYuanString()},`0.00,`0.00,`{new Money(settled).ToYuanString()},`{new Money(refunded).ToYuanString()}\r\n");
        return text.ToString();
    }

    /// <summary>The bill's lines, or null when the text is not a readable bill.</summary>
    public static IReadOnlyList<BillLine>? Read(string text)
    {
        var rows = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (rows.Length == 0 || !rows[0].StartsWith(Header[0], StringComparison.Ordinal)) return null;
        var header = rows[0].Split(',');
        var lines = new List<BillLine>();
        foreach (var row in rows.Skip(1))
        {
            if (row.StartsWith("总交易单数", StringComparison.Ordinal)) break;
            var cells = row.Split(',').Select(c => c.TrimStart('`')).ToArray();
            string Cell(string name) => Array.IndexOf(header, name) is var i and >= 0 && i < cells.Length ? cells[i] : "";
            switch (Cell("交易状态"))
            {
                case "SUCCESS" when Money.TryParse(Cell("应结订单金额"), out var paid):
                    lines.Add(new BillLine(Cell("商户订单号"), null, BillLineKind.Payment, paid));
                    break;
                case "REFUND" when Money.TryParse(Cell("退款金额"), out var back):
                    lines.Add(new BillLine(Cell("商户订单号"), Cell("商户退款单号"), BillLineKind.Refund, back));
                    break;
                case "REVOKED":
                    break; // reversed: no money moved in the end
                default:
                    return null;
            }
        }
        return lines;
    }
}
