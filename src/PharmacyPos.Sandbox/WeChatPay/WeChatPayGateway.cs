using System.Globalization;
using System.Security.Cryptography;
using PharmacyPos.Channels.WeChatPay;
using PharmacyPos.Domain;
using PharmacyPos.Sandbox.Model;

namespace PharmacyPos.Sandbox.WeChatPay;

/// <summary>
/// The server side of WeChat Pay v2 payment-code payment. The /secapi/ paths are served on
/// plain loopback HTTP here, so the client certificate is not checked; production sends it.
/// </summary>
public sealed class WeChatPayGateway(SandboxState state, SandboxOptions options, FaultBook faults, ILogger<WeChatPayGateway> log)
{
    public static readonly string[] Paths = ["/pay/micropay", "/pay/orderquery", "/secapi/pay/reverse", "/secapi/pay/refund", "/pay/refundquery"];

    public async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        using var reader = new StreamReader(http.Request.Body);
        var fields = WeChatXml.Read(await reader.ReadToEndAsync());
        var operation = path switch
        {
            "/pay/micropay" => "pay",
            "/pay/orderquery" => "query",
            "/secapi/pay/reverse" => "cancel",
            "/secapi/pay/refund" => "refund",
            _ => "refundquery",
        };
        await FaultRunner.RunAsync(http, faults, options, "wechat", operation, () => Reply(fields, Process(fields, operation)), log);
    }

    private GatewayReply Reply(Dictionary<string, string>? request, Dictionary<string, string> answer)
    {
        if (answer.GetValueOrDefault("return_code") == "SUCCESS")
        {
            answer["appid"] = options.WeChatAppId;
            answer["mch_id"] = options.WeChatMchId;
            answer["nonce_str"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            var signType = request?.GetValueOrDefault("sign_type") is { Length: > 0 } t ? t : WeChatSignature.Md5;
            if (signType == WeChatSignature.HmacSha256) answer["sign_type"] = signType;
            answer["sign"] = WeChatSignature.Sign(answer, options.WeChatApiKey, signType);
        }
        var sign = answer.GetValueOrDefault("sign") ?? "";
        var body = WeChatXml.Write(answer);
        return new GatewayReply(body, "text/xml; charset=utf-8",
            b => sign.Length == 0 ? b : b.Replace(sign, new string('0', sign.Length), StringComparison.Ordinal));
    }

    private Dictionary<string, string> Process(Dictionary<string, string>? f, string operation)
    {
        if (f is null) return Fail("XML格式错误");
        if (!WeChatSignature.Verify(f, options.WeChatApiKey)) return Fail("签名错误");
        if (f.GetValueOrDefault("mch_id") != options.WeChatMchId || f.GetValueOrDefault("appid") != options.WeChatAppId)
            return Fail("appid和mch_id不匹配");
        return operation switch
        {
            "pay" => Micropay(f),
            "query" => OrderQuery(f),
            "cancel" => Reverse(f),
            "refund" => Refund(f),
            _ => RefundQuery(f),
        };
    }

    private Dictionary<string, string> Micropay(Dictionary<string, string> f)
    {
        var outTradeNo = f.GetValueOrDefault("out_trade_no") ?? "";
        if (outTradeNo.Length == 0 || !long.TryParse(f.GetValueOrDefault("total_fee"), NumberStyles.None, CultureInfo.InvariantCulture, out var fen) || fen <= 0)
            return Business("PARAM_ERROR", "参数错误");
        var (status, t) = state.Pay(Channel.WeChat, outTradeNo, f.GetValueOrDefault("auth_code") ?? "", new Money(fen), f.GetValueOrDefault("body") ?? "");
        return status switch
        {
            PayStatus.Accepted when t!.Status == TradeStatus.Paid => Ok(TradeFields(t)),
            PayStatus.Accepted => Business("USERPAYING", "需要用户输入支付密码"),
            PayStatus.AlreadyPaid => Business("ORDERPAID", "订单已支付"),
            PayStatus.Closed => Business("ORDERCLOSED", "订单已关闭"),
            PayStatus.BalanceNotEnough => Business("NOTENOUGH", "余额不足"),
            PayStatus.CodeExpired => Business("AUTHCODEEXPIRE", "二维码已过期，请用户在微信上刷新后再试"),
            _ => Business("AUTH_CODE_INVALID", "授权码检验错误"),
        };
    }

    private Dictionary<string, string> OrderQuery(Dictionary<string, string> f)
    {
        var t = state.Find(Channel.WeChat, f.GetValueOrDefault("out_trade_no") ?? "");
        if (t is null || t.CustomerId.Length == 0) return Business("ORDERNOTEXIST", "此交易订单号不存在");
        var fields = TradeFields(t);
        fields["trade_state"] = t.Status switch
        {
            TradeStatus.Paid when t.Refunds.Count > 0 => "REFUND",
            TradeStatus.Paid => "SUCCESS",
            TradeStatus.WaitingForBuyer => "USERPAYING",
            TradeStatus.Reversed => "REVOKED",
            TradeStatus.BuyerCancelled => "PAYERROR",
            _ => "CLOSED",
        };
        return Ok(fields);
    }

    private Dictionary<string, string> Reverse(Dictionary<string, string> f)
    {
        var (cancelled, _, t) = state.Cancel(Channel.WeChat, f.GetValueOrDefault("out_trade_no") ?? "");
        if (!cancelled && t is { Status: TradeStatus.Paid }) return Business("REVERSE_EXPIRE", "订单已有退款，无法撤销", ("recall", "N"));
        return Ok(new() { ["recall"] = "N" });
    }

    private Dictionary<string, string> Refund(Dictionary<string, string> f)
    {
        var outTradeNo = f.GetValueOrDefault("out_trade_no") ?? "";
        var refundNo = f.GetValueOrDefault("out_refund_no") ?? "";
        if (refundNo.Length == 0 || !long.TryParse(f.GetValueOrDefault("refund_fee"), NumberStyles.None, CultureInfo.InvariantCulture, out var fen))
            return Business("PARAM_ERROR", "参数错误");
        var (status, t) = state.Refund(Channel.WeChat, outTradeNo, refundNo, new Money(fen));
        return status switch
        {
            RefundStatus.Refunded or RefundStatus.AlreadyRefunded => Ok(new()
            {
                ["transaction_id"] = t!.ChannelTradeId,
                ["out_trade_no"] = outTradeNo,
                ["out_refund_no"] = refundNo,
                ["refund_id"] = "50" + t.ChannelTradeId[4..],
                ["refund_fee"] = t.Refunds[refundNo].Fen.ToString(CultureInfo.InvariantCulture),
                ["total_fee"] = t.Amount.Fen.ToString(CultureInfo.InvariantCulture),
                ["cash_fee"] = t.Amount.Fen.ToString(CultureInfo.InvariantCulture),
            }),
            RefundStatus.NotFound => Business("ORDERNOTEXIST", "订单不存在"),
            RefundStatus.NotPaid => Business("TRADE_STATE_ERROR", "订单状态错误"),
            _ => Business("INVALID_REQ_TOO_MUCH", "退款金额超过订单金额"),
        };
    }

    private Dictionary<string, string> RefundQuery(Dictionary<string, string> f)
    {
        var refundNo = f.GetValueOrDefault("out_refund_no") ?? "";
        var t = state.Trades().FirstOrDefault(t => t.Channel == Channel.WeChat && t.Refunds.ContainsKey(refundNo));
        if (t is null) return Business("REFUNDNOTEXIST", "退款订单查询失败");
        return Ok(new()
        {
            ["transaction_id"] = t.ChannelTradeId,
            ["out_trade_no"] = t.OutTradeNo,
            ["total_fee"] = t.Amount.Fen.ToString(CultureInfo.InvariantCulture),
            ["refund_count"] = "1",
            ["out_refund_no_0"] = refundNo,
            ["refund_fee_0"] = t.Refunds[refundNo].Fen.ToString(CultureInfo.InvariantCulture),
            ["refund_status_0"] = "SUCCESS",
        });
    }

    private static Dictionary<string, string> TradeFields(Trade t) => new()
    {
        ["openid"] = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        ["trade_type"] = "MICROPAY",
        ["bank_type"] = "OTHERS",
        ["total_fee"] = t.Amount.Fen.ToString(CultureInfo.InvariantCulture),
        ["cash_fee"] = t.Amount.Fen.ToString(CultureInfo.InvariantCulture),
        ["transaction_id"] = t.ChannelTradeId,
        ["out_trade_no"] = t.OutTradeNo,
        ["time_end"] = BeijingTime.From(t.PaidAt ?? t.CreatedAt).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture),
    };

    private static Dictionary<string, string> Fail(string message) => new() { ["return_code"] = "FAIL", ["return_msg"] = message };

    private static Dictionary<string, string> Ok(Dictionary<string, string> fields)
    {
        var all = new Dictionary<string, string> { ["return_code"] = "SUCCESS", ["return_msg"] = "OK", ["result_code"] = "SUCCESS" };
        foreach (var (k, v) in fields) all[k] = v;
        return all;
    }

    private static Dictionary<string, string> Business(string errCode, string description, params (string, string)[] extra)
    {
        var all = new Dictionary<string, string>
        {
            ["return_code"] = "SUCCESS", ["return_msg"] = "OK", ["result_code"] = "FAIL", ["err_code"] = errCode, ["err_code_des"] = description,
        };
        foreach (var (k, v) in extra) all[k] = v;
        return all;
    }
}
