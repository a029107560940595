using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using PharmacyPos.Channels;
using PharmacyPos.Channels.Alipay;
using PharmacyPos.Domain;
using PharmacyPos.Sandbox.Model;

namespace PharmacyPos.Sandbox.Alipay;

/// <summary>The server side of Alipay's /gateway.do for face-to-face barcode payment.</summary>
public sealed class AlipayGateway(SandboxState state, SandboxOptions options, FaultBook faults, ILogger<AlipayGateway> log)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly RSA _platformKey = Keys.PrivateKey(options.AlipayPrivateKey);
    private readonly RSA _appKey = Keys.PublicKey(options.AppPublicKey);

    public async Task HandleAsync(HttpContext http)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (http.Request.HasFormContentType)
            foreach (var (k, v) in await http.Request.ReadFormAsync()) parameters[k] = v.ToString();
        foreach (var (k, v) in http.Request.Query) parameters.TryAdd(k, v.ToString());
        var method = parameters.GetValueOrDefault("method") ?? "";
        var operation = method switch
        {
            "alipay.trade.pay" => "pay",
            "alipay.trade.query" => "query",
            "alipay.trade.cancel" => "cancel",
            "alipay.trade.refund" => "refund",
            "alipay.trade.fastpay.refund.query" => "refundquery",
            _ => method,
        };
        var self = $"{http.Request.Scheme}://{http.Request.Host}";
        await FaultRunner.RunAsync(http, faults, options, "alipay", operation, () => Reply(method, Process(parameters, method, self)), log);
    }

    private GatewayReply Reply(string method, Dictionary<string, object?> response)
    {
        var key = method.Length > 0 ? AlipayResponse.ResponseKey(method) : "error_response";
        var text = JsonSerializer.Serialize(response, Json);
        var sign = AlipaySignature.Sign(text, _platformKey);
        var body = $"{{\"{key}\":{text},\"sign\":\"{sign}\"}}";
        return new GatewayReply(body, "application/json; charset=utf-8",
            b => b.Replace(sign, AlipaySignature.Sign(text + " ", _platformKey), StringComparison.Ordinal));
    }

    private Dictionary<string, object?> Process(Dictionary<string, string> p, string method, string self)
    {
        if (!AlipaySignature.Verify(AlipaySignature.Content(p), p.GetValueOrDefault("sign"), _appKey))
            return Error("40002", "Invalid Arguments", "isv.invalid-signature", "验签出错");
        if (p.GetValueOrDefault("app_id") != options.AlipayAppId)
            return Error("40002", "Invalid Arguments", "isv.invalid-app-id", "无效的AppID参数");
        Dictionary<string, string> biz;
        try
        {
            biz = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(p.GetValueOrDefault("biz_content") ?? "")!
                .ToDictionary(kv => kv.Key, kv => kv.Value.ValueKind == JsonValueKind.String ? kv.Value.GetString()! : kv.Value.GetRawText());
        }
        catch (JsonException)
        {
            return Error("40001", "Missing Required Arguments", "isv.missing-biz-content", "缺少业务参数");
        }
        if (method == "alipay.data.dataservice.bill.downloadurl.query") return BillUrl(biz, self);
        if (method == "alipay.trade.pay")
        {
            var payNo = biz.GetValueOrDefault("out_trade_no") ?? "";
            return payNo.Length == 0 ? Error("40001", "Missing Required Arguments", "isv.missing-out-trade-no", "缺少商户订单号") : Pay(biz, payNo);
        }
        // Every other trade call names the trade by trade_no or out_trade_no; trade_no wins when both are given.
        var tradeNo = biz.GetValueOrDefault("trade_no") ?? "";
        var givenNo = biz.GetValueOrDefault("out_trade_no") ?? "";
        if (tradeNo.Length == 0 && givenNo.Length == 0)
            return Error("40001", "Missing Required Arguments", "isv.missing-out-trade-no", "商户订单号和支付宝交易号不能同时为空");
        var outTradeNo = state.OutTradeNoOf(Channel.Alipay, givenNo, tradeNo);
        if (outTradeNo is null) return Error("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在");

        return method switch
        {
            "alipay.trade.query" => Query(outTradeNo),
            "alipay.trade.cancel" => Cancel(outTradeNo),
            "alipay.trade.refund" => Refund(biz, outTradeNo),
            "alipay.trade.fastpay.refund.query" => RefundQuery(biz, outTradeNo),
            _ => Error("40004", "Business Failed", "isv.invalid-method", "不存在的方法名"),
        };
    }

    private Dictionary<string, object?> BillUrl(Dictionary<string, string> biz, string self)
    {
        var date = biz.GetValueOrDefault("bill_date") ?? "";
        if (biz.GetValueOrDefault("bill_type") != "trade" || !Bills.BillEndpoints.TryDay(date, "yyyy-MM-dd", out var day))
            return Error("40004", "Business Failed", "isp.INVAILID_ARGUMENTS", "入参不合法");
        if (day > Bills.BillEndpoints.Today(state)) return Error("40004", "Business Failed", "isp.BILL_NOT_EXIST", "账单不存在");
        return Success(new() { ["bill_download_url"] = $"{self}/alipay/bill/{date}?token={Bills.BillEndpoints.BillToken(options, date)}" });
    }

    private Dictionary<string, object?> Pay(Dictionary<string, string> biz, string outTradeNo)
    {
        if (biz.GetValueOrDefault("scene") != "bar_code")
            return Error("40004", "Business Failed", "ACQ.INVALID_PARAMETER", "scene 必须为 bar_code");
        if (!Money.TryParse(biz.GetValueOrDefault("total_amount"), out var amount) || amount.Fen <= 0)
            return Error("40004", "Business Failed", "ACQ.INVALID_PARAMETER", "total_amount 无效");
        var (status, trade) = state.Pay(Channel.Alipay, outTradeNo, biz.GetValueOrDefault("auth_code") ?? "", amount, biz.GetValueOrDefault("subject") ?? "");
        return status switch
        {
            PayStatus.Accepted when trade!.Status == TradeStatus.Paid => Success(TradeFields(trade)),
            PayStatus.Accepted => new() { ["code"] = "10003", ["msg"] = " order success pay inprocess", ["trade_no"] = trade!.ChannelTradeId, ["out_trade_no"] = outTradeNo, ["total_amount"] = trade.Amount.ToYuanString() },
            PayStatus.AlreadyPaid => Error("40004", "Business Failed", "ACQ.TRADE_HAS_SUCCESS", "交易已被支付"),
            PayStatus.Closed => Error("40004", "Business Failed", "ACQ.TRADE_HAS_CLOSE", "交易已经关闭"),
            PayStatus.BalanceNotEnough => Error("40004", "Business Failed", "ACQ.BUYER_BALANCE_NOT_ENOUGH", "买家余额不足"),
            PayStatus.CodeExpired or PayStatus.CodeInvalid or _ => Error("40004", "Business Failed", "ACQ.PAYMENT_AUTH_CODE_INVALID", "支付失败，获取顾客账户信息失败，请顾客刷新付款码后重新收款"),
        };
    }

    private Dictionary<string, object?> Query(string outTradeNo)
    {
        var t = state.Find(Channel.Alipay, outTradeNo);
        if (t is null || t.CustomerId.Length == 0) return Error("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在");
        var fields = TradeFields(t);
        fields["trade_status"] = t.Status switch
        {
            TradeStatus.Paid when t.Refunded == t.Amount => "TRADE_CLOSED",
            TradeStatus.Paid => "TRADE_SUCCESS",
            TradeStatus.WaitingForBuyer => "WAIT_BUYER_PAY",
            _ => "TRADE_CLOSED",
        };
        return Success(fields);
    }

    private Dictionary<string, object?> Cancel(string outTradeNo)
    {
        var (cancelled, moneyReturned, t) = state.Cancel(Channel.Alipay, outTradeNo);
        if (!cancelled && t is { Status: TradeStatus.Paid })
            return Error("40004", "Business Failed", "ACQ.REASON_TRADE_REFUND_FEE_ERR", "已有退款，不能撤销", ("retry_flag", "N"));
        return Success(new()
        {
            ["trade_no"] = t?.ChannelTradeId ?? "",
            ["out_trade_no"] = outTradeNo,
            ["retry_flag"] = "N",
            ["action"] = moneyReturned ? "refund" : "close",
        });
    }

    private Dictionary<string, object?> Refund(Dictionary<string, string> biz, string outTradeNo)
    {
        // Without out_request_no the refund is the trade's one full refund, numbered by the trade (as Alipay does).
        var refundNo = biz.GetValueOrDefault("out_request_no") ?? outTradeNo;
        if (!Money.TryParse(biz.GetValueOrDefault("refund_amount"), out var amount))
            return Error("40004", "Business Failed", "ACQ.INVALID_PARAMETER", "refund_amount 无效");
        var (status, t) = state.Refund(Channel.Alipay, outTradeNo, refundNo, amount);
        return status switch
        {
            RefundStatus.Refunded or RefundStatus.AlreadyRefunded => Success(new()
            {
                ["trade_no"] = t!.ChannelTradeId,
                ["out_trade_no"] = outTradeNo,
                ["buyer_logon_id"] = "138****0000",
                ["buyer_user_id"] = BuyerUserId(t),
                ["fund_change"] = status == RefundStatus.Refunded ? "Y" : "N",
                // refund_fee is the trade's refunded total so far; send_back_fee this request's money.
                ["refund_fee"] = t.Refunded.ToYuanString(),
                ["send_back_fee"] = t.Refunds[refundNo].Amount.ToYuanString(),
                ["gmt_refund_pay"] = Beijing(t.Refunds[refundNo].At),
            }),
            RefundStatus.NotFound => Error("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在"),
            RefundStatus.NotPaid => Error("40004", "Business Failed", "ACQ.TRADE_STATUS_ERROR", "交易状态不合法"),
            _ => Error("40004", "Business Failed", "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限"),
        };
    }

    private Dictionary<string, object?> RefundQuery(Dictionary<string, string> biz, string outTradeNo)
    {
        var refundNo = biz.GetValueOrDefault("out_request_no") ?? outTradeNo;
        var t = state.Find(Channel.Alipay, outTradeNo);
        var fields = new Dictionary<string, object?> { ["trade_no"] = t?.ChannelTradeId ?? "", ["out_trade_no"] = outTradeNo };
        // No such refund: a bare 10000, which is how Alipay says it.
        if (t is not null && t.Refunds.TryGetValue(refundNo, out var refunded))
        {
            fields["out_request_no"] = refundNo;
            fields["refund_amount"] = refunded.Amount.ToYuanString();
            fields["total_amount"] = t.Amount.ToYuanString();
            fields["refund_status"] = "REFUND_SUCCESS";
            fields["gmt_refund_pay"] = Beijing(refunded.At);
        }
        return Success(fields);
    }

    /// <summary>
    /// A trade as trade.pay and trade.query answer it; the paid fields (buyer's user id, what paid it,
    /// when) only once it is paid.
    /// </summary>
    private static Dictionary<string, object?> TradeFields(Trade t)
    {
        var fields = new Dictionary<string, object?>
        {
            ["trade_no"] = t.ChannelTradeId,
            ["out_trade_no"] = t.OutTradeNo,
            ["buyer_logon_id"] = "138****0000",
            ["total_amount"] = t.Amount.ToYuanString(),
        };
        if (t.PaidAt is not { } paid) return fields;
        fields["buyer_user_id"] = BuyerUserId(t);
        fields["receipt_amount"] = t.Amount.ToYuanString();
        fields["buyer_pay_amount"] = t.Amount.ToYuanString();
        fields["invoice_amount"] = t.Amount.ToYuanString();
        fields["point_amount"] = "0.00";
        fields["gmt_payment"] = Beijing(paid);
        fields["send_pay_date"] = Beijing(paid);
        fields["fund_bill_list"] = new[] { new Dictionary<string, string> { ["fund_channel"] = "ALIPAYACCOUNT", ["amount"] = t.Amount.ToYuanString() } };
        return fields;
    }

    // 2088 and 12 digits, stable per customer: what Alipay calls the buyer's user id.
    private static string BuyerUserId(Trade t) =>
        "2088" + (BitConverter.ToUInt64(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(t.CustomerId))) % 1_000_000_000_000).ToString("D12", CultureInfo.InvariantCulture);

    private static string Beijing(DateTimeOffset t) => BeijingTime.From(t).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static Dictionary<string, object?> Success(Dictionary<string, object?> fields)
    {
        var all = new Dictionary<string, object?> { ["code"] = "10000", ["msg"] = "Success" };
        foreach (var (k, v) in fields) if (v is not null) all[k] = v;
        return all;
    }

    private static Dictionary<string, object?> Error(string code, string msg, string subCode, string subMsg, params (string, string)[] extra)
    {
        var all = new Dictionary<string, object?> { ["code"] = code, ["msg"] = msg, ["sub_code"] = subCode, ["sub_msg"] = subMsg };
        foreach (var (k, v) in extra) all[k] = v;
        return all;
    }
}
