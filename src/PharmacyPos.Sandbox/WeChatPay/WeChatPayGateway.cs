using System.Globalization;
using System.Security.Cryptography;
using PharmacyPos.Channels.WeChatPay;
using PharmacyPos.Domain;
using PharmacyPos.Sandbox.Model;

namespace PharmacyPos.Sandbox.WeChatPay;

/// <summary>
/// The server side of WeChat Pay v2 payment-code payment, answering field for field what the v2 docs
/// define for micropay, orderquery, reverse, refund and refundquery. /secapi/ (reverse, refund) is
/// answered only over HTTPS to the merchant's own API certificate, as real WeChat does.
/// </summary>
public sealed class WeChatPayGateway(SandboxState state, SandboxOptions options, FaultBook faults, ILogger<WeChatPayGateway> log)
{
    public static readonly string[] Paths = ["/pay/micropay", "/pay/orderquery", "/secapi/pay/reverse", "/secapi/pay/refund", "/pay/refundquery"];

    public async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        if (path.StartsWith("/secapi/", StringComparison.Ordinal) && !PresentsMerchantCertificate(http))
        {
            // Real WeChat authenticates reverse and refund by the merchant's API certificate, over HTTPS.
            log.LogWarning("WeChat Pay {Path} refused: no merchant certificate ({Scheme})", path, http.Request.Scheme);
            http.Response.ContentType = "text/xml; charset=utf-8";
            await http.Response.WriteAsync(WeChatXml.Write(Fail("证书校验失败：请求须经 HTTPS 并出示商户 API 证书")));
            return;
        }
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

    private readonly string _merchantThumbprint = options.MerchantCertificateThumbprint;

    private bool PresentsMerchantCertificate(HttpContext http) =>
        http.Request.IsHttps && http.Connection.ClientCertificate?.Thumbprint == _merchantThumbprint;

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

    /// <summary>
    /// orderquery by transaction_id (preferred, as the docs say) or out_trade_no. A trade that is not paid
    /// answers only its state and out_trade_no: the docs return the paid fields (transaction_id, time_end,
    /// openid …) only when trade_state is SUCCESS, or REFUND for a paid one.
    /// </summary>
    private Dictionary<string, string> OrderQuery(Dictionary<string, string> f)
    {
        var t = Locate(f);
        if (t is null || t.CustomerId.Length == 0) return Business("ORDERNOTEXIST", "此交易订单号不存在");
        var (state, description) = t.Status switch
        {
            TradeStatus.Paid when t.Refunds.Count > 0 => ("REFUND", "转入退款"),
            TradeStatus.Paid => ("SUCCESS", "支付成功"),
            TradeStatus.WaitingForBuyer => ("USERPAYING", "用户支付中，需要输入密码"),
            TradeStatus.Revoked or TradeStatus.Reversed => ("REVOKED", "已撤销（付款码支付）"),
            TradeStatus.BuyerCancelled => ("PAYERROR", "支付失败，用户取消支付"),
            _ => ("CLOSED", "已关闭"),
        };
        var fields = t.Status == TradeStatus.Paid ? TradeFields(t) : new() { ["out_trade_no"] = t.OutTradeNo };
        fields["trade_state"] = state;
        fields["trade_state_desc"] = description;
        return Ok(fields);
    }

    private Dictionary<string, string> Reverse(Dictionary<string, string> f)
    {
        // By transaction_id an order must exist; by out_trade_no an unknown one is closed in advance, so a
        // micropay still on its way cannot be taken afterwards.
        var outTradeNo = OutTradeNo(f);
        if (outTradeNo is null) return Business("ORDERNOTEXIST", "订单不存在", ("recall", "N"));
        var (cancelled, _, t) = state.Cancel(Channel.WeChat, outTradeNo);
        if (!cancelled && t is { Status: TradeStatus.Paid }) return Business("REVERSE_EXPIRE", "订单已有退款，无法撤销", ("recall", "N"));
        return Ok(new() { ["recall"] = "N" });
    }

    private Dictionary<string, string> Refund(Dictionary<string, string> f)
    {
        var outTradeNo = OutTradeNo(f);
        var refundNo = f.GetValueOrDefault("out_refund_no") ?? "";
        if (refundNo.Length == 0 || !long.TryParse(f.GetValueOrDefault("refund_fee"), NumberStyles.None, CultureInfo.InvariantCulture, out var fen))
            return Business("PARAM_ERROR", "参数错误");
        if (outTradeNo is null) return Business("ORDERNOTEXIST", "订单不存在");
        var (status, t) = state.Refund(Channel.WeChat, outTradeNo, refundNo, new Money(fen));
        return status switch
        {
            RefundStatus.Refunded or RefundStatus.AlreadyRefunded => Ok(new()
            {
                ["transaction_id"] = t!.ChannelTradeId,
                ["out_trade_no"] = t.OutTradeNo,
                ["out_refund_no"] = refundNo,
                ["refund_id"] = t.Refunds[refundNo].RefundId,
                // This request's amount: WeChat's refund_fee is the refund's, not the trade's total so far.
                ["refund_fee"] = Fen(t.Refunds[refundNo].Amount),
                ["cash_refund_fee"] = Fen(t.Refunds[refundNo].Amount),
                ["total_fee"] = Fen(t.Amount),
                ["cash_fee"] = Fen(t.Amount),
            }),
            RefundStatus.NotFound => Business("ORDERNOTEXIST", "订单不存在"),
            RefundStatus.NotPaid => Business("TRADE_STATE_ERROR", "订单状态错误"),
            _ => Business("INVALID_REQ_TOO_MUCH", "退款金额超过订单金额"),
        };
    }

    /// <summary>
    /// refundquery by refund_id, out_refund_no, transaction_id or out_trade_no (四选一, in that order): by a
    /// refund's number that refund, by a trade's number every refund of the trade, each with its $n fields.
    /// </summary>
    private Dictionary<string, string> RefundQuery(Dictionary<string, string> f)
    {
        var refundId = f.GetValueOrDefault("refund_id") ?? "";
        var refundNo = f.GetValueOrDefault("out_refund_no") ?? "";
        Trade? t;
        if (refundId.Length > 0 || refundNo.Length > 0)
            t = state.Trades().FirstOrDefault(t => t.Channel == Channel.WeChat
                && t.Refunds.Any(r => (refundId.Length > 0 && r.Value.RefundId == refundId) || (refundId.Length == 0 && r.Key == refundNo)));
        else
            t = Locate(f);
        var refunds = t?.Refunds.Where(r => refundId.Length > 0 ? r.Value.RefundId == refundId : refundNo.Length == 0 || r.Key == refundNo).ToList() ?? [];
        if (t is null || refunds.Count == 0) return Business("REFUNDNOTEXIST", "退款订单查询失败");
        var fields = new Dictionary<string, string>
        {
            ["transaction_id"] = t.ChannelTradeId,
            ["out_trade_no"] = t.OutTradeNo,
            ["total_fee"] = Fen(t.Amount),
            ["cash_fee"] = Fen(t.Amount),
            ["refund_count"] = refunds.Count.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (n, (no, r)) in refunds.Index())
        {
            fields[$"out_refund_no_{n}"] = no;
            fields[$"refund_id_{n}"] = r.RefundId;
            fields[$"refund_channel_{n}"] = "ORIGINAL";
            fields[$"refund_fee_{n}"] = Fen(r.Amount);
            fields[$"refund_status_{n}"] = "SUCCESS";
            fields[$"refund_account_{n}"] = "REFUND_SOURCE_UNSETTLED_FUNDS";
            fields[$"refund_recv_accout_{n}"] = "支付用户的零钱";
            fields[$"refund_success_time_{n}"] = BeijingTime.From(r.At).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        }
        return Ok(fields);
    }

    /// <summary>The trade a request names by transaction_id (preferred) or out_trade_no.</summary>
    private Trade? Locate(Dictionary<string, string> f) => OutTradeNo(f) is { } no ? state.Find(Channel.WeChat, no) : null;

    private string? OutTradeNo(Dictionary<string, string> f) =>
        state.OutTradeNoOf(Channel.WeChat, f.GetValueOrDefault("out_trade_no") ?? "", f.GetValueOrDefault("transaction_id"));

    private static string Fen(Money m) => m.Fen.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, string> TradeFields(Trade t) => new()
    {
        ["openid"] = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        ["is_subscribe"] = "N",
        ["trade_type"] = "MICROPAY",
        ["bank_type"] = "OTHERS",
        ["fee_type"] = "CNY",
        ["total_fee"] = Fen(t.Amount),
        ["cash_fee_type"] = "CNY",
        ["cash_fee"] = Fen(t.Amount),
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
