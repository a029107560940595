using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;

namespace PharmacyPos.Channels.WeChatPay;

/// <summary>
/// WeChat Pay v2 payment-code payment (付款码支付): micropay, orderquery, reverse, refund,
/// refundquery. reverse and refund go to /secapi/ with the merchant's client certificate.
/// </summary>
public sealed class WeChatPayClient(IHttpClientFactory httpFactory, IOptions<WeChatPayOptions> options, ILogger<WeChatPayClient> log) : IPaymentChannel, Bills.IChannelBill
{
    public const string HttpClientName = "wechatpay";
    public const string SecureHttpClientName = "wechatpay-secapi";

    private readonly WeChatPayOptions _options = options.Value;

    public PaymentMethod Method => PaymentMethod.WeChatPay;

    public async Task<ChannelOutcome> PayAsync(ChannelPayment payment, CancellationToken ct = default)
    {
        var (r, unknown) = await CallAsync("/pay/micropay", new()
        {
            ["body"] = payment.Subject,
            ["out_trade_no"] = payment.OutTradeNo,
            ["total_fee"] = payment.Amount.Fen.ToString(CultureInfo.InvariantCulture),
            ["fee_type"] = "CNY",
            ["spbill_create_ip"] = _options.TerminalIp,
            ["auth_code"] = payment.Tender.Presented,
        }, payment.OutTradeNo, secure: false, ct);
        if (r is null) return new ChannelOutcome.Unknown(unknown!);
        // return_code is the call's, not the trade's (通信标识，非交易标识): a FAIL says nothing about the money,
        // so the trade is asked for (orderquery) and reversed if it never pays, as the 付款码 flow prescribes.
        if (r.Get("return_code") != "SUCCESS") return new ChannelOutcome.Unknown("return_code FAIL " + r.Get("return_msg"));
        if (r.Get("result_code") == "SUCCESS") return Paid(r);
        return r.Get("err_code") switch
        {
            "USERPAYING" => new ChannelOutcome.WaitingForBuyer(),
            "AUTH_CODE_INVALID" or "AUTH_CODE_ERROR" => Failed(ChannelFailure.CodeInvalid, r),
            "AUTHCODEEXPIRE" => Failed(ChannelFailure.CodeExpired, r),
            "NOTENOUGH" => Failed(ChannelFailure.BalanceNotEnough, r),
            "ORDERCLOSED" or "ORDERREVERSED" => Failed(ChannelFailure.TradeClosed, r),
            // Refusals the micropay docs define as the request's own fault: nothing was charged.
            "PARAM_ERROR" or "NOAUTH" or "NOTSUPORTCARD" or "BUYER_MISMATCH" or "OUT_TRADE_NO_USED" or "TRADE_ERROR"
                or "INVALID_REQUEST" or "LACK_PARAMS" or "XML_FORMAT_ERROR" or "SIGNERROR" or "NOT_UTF8" or "REQUIRE_POST_METHOD"
                or "APPID_NOT_EXIST" or "MCHID_NOT_EXIST" or "APPID_MCHID_NOT_MATCH" => Failed(ChannelFailure.Rejected, r),
            // SYSTEMERROR, BANKERROR, ORDERPAID and any code the docs do not list: only orderquery can say.
            var other => new ChannelOutcome.Unknown("err_code " + other),
        };
    }

    public async Task<ChannelOutcome> QueryAsync(string outTradeNo, CancellationToken ct = default)
    {
        var (r, unknown) = await CallAsync("/pay/orderquery", new() { ["out_trade_no"] = outTradeNo }, outTradeNo, secure: false, ct);
        if (r is null) return new ChannelOutcome.Unknown(unknown!);
        if (r.Get("return_code") != "SUCCESS") return new ChannelOutcome.Unknown("return_code FAIL " + r.Get("return_msg"));
        if (r.Get("result_code") != "SUCCESS")
            return r.Get("err_code") == "ORDERNOTEXIST" ? Failed(ChannelFailure.TradeNotFound, r) : new ChannelOutcome.Unknown(r.Get("err_code"));
        return r.Get("trade_state") switch
        {
            // REFUND: it was paid; what was refunded since is the refund's business.
            "SUCCESS" or "REFUND" => Paid(r),
            "USERPAYING" or "NOTPAY" or "ACCEPT" => new ChannelOutcome.WaitingForBuyer(),
            "CLOSED" or "REVOKED" or "PAYERROR" => new ChannelOutcome.Failed(ChannelFailure.TradeClosed, r.Get("trade_state")),
            var other => new ChannelOutcome.Unknown("trade_state " + other),
        };
    }

    public async Task<CancelOutcome> CancelAsync(string outTradeNo, CancellationToken ct = default)
    {
        var (r, unknown) = await CallAsync("/secapi/pay/reverse", new() { ["out_trade_no"] = outTradeNo }, outTradeNo, secure: true, ct);
        if (r is null) return new CancelOutcome.Unknown(unknown!);
        if (r.Get("return_code") != "SUCCESS") return new CancelOutcome.Unknown("return_code FAIL " + r.Get("return_msg"));
        if (r.Get("recall") == "Y") return new CancelOutcome.Retry("recall=Y");
        if (r.Get("result_code") == "SUCCESS") return new CancelOutcome.Cancelled(MoneyReturned: false);
        return r.Get("err_code") switch
        {
            "ORDERNOTEXIST" => new CancelOutcome.Cancelled(MoneyReturned: false),
            "SYSTEMERROR" => new CancelOutcome.Retry("SYSTEMERROR"),
            _ => new CancelOutcome.Failed($"{r.Get("err_code")} {r.Get("err_code_des")}"),
        };
    }

    public async Task<RefundOutcome> RefundAsync(ChannelRefund refund, CancellationToken ct = default)
    {
        var (r, unknown) = await CallAsync("/secapi/pay/refund", new()
        {
            ["out_trade_no"] = refund.OutTradeNo,
            ["out_refund_no"] = refund.OutRefundNo,
            ["total_fee"] = refund.Total.Fen.ToString(CultureInfo.InvariantCulture),
            ["refund_fee"] = refund.RefundAmount.Fen.ToString(CultureInfo.InvariantCulture),
            ["refund_desc"] = "退单",
        }, refund.OutTradeNo, secure: true, ct);
        if (r is null) return new RefundOutcome.Unknown(unknown!);
        if (r.Get("return_code") != "SUCCESS") return new RefundOutcome.Unknown("return_code FAIL " + r.Get("return_msg"));
        // result_code SUCCESS is "申请接收成功": the refund was accepted, and refundquery says when it is made.
        if (r.Get("result_code") == "SUCCESS")
            return await QueryRefundAsync(refund, ct) is RefundOutcome.Refunded made ? made : new RefundOutcome.Processing();
        return r.Get("err_code") switch
        {
            // Refusals the refund docs define as final: no money moved.
            "TRADE_STATE_ERROR" or "INVALID_REQ_TOO_MUCH" or "NOTENOUGH" or "ORDERNOTEXIST" or "USER_ACCOUNT_ABNORMAL" or "PARAM_ERROR"
                or "INVALID_TRANSACTIONID" or "APPID_NOT_EXIST" or "MCHID_NOT_EXIST" or "SIGNERROR" or "XML_FORMAT_ERROR"
                or "REQUIRE_POST_METHOD" or "POST_DATA_EMPTY" or "NOT_UTF8" => new RefundOutcome.Failed(RefundOutcome.Says(r.Get("err_code_des"), "微信支付拒绝退款")),
            // SYSTEMERROR, BIZERR_NEED_RETRY, FREQUENCY_LIMITED and anything unlisted: asked again under the same number.
            var other => new RefundOutcome.Unknown("err_code " + other),
        };
    }

    public async Task<RefundOutcome> QueryRefundAsync(ChannelRefund refund, CancellationToken ct = default)
    {
        var (r, unknown) = await CallAsync("/pay/refundquery", new() { ["out_refund_no"] = refund.OutRefundNo }, refund.OutTradeNo, secure: false, ct);
        if (r is null) return new RefundOutcome.Unknown(unknown!);
        if (r.Get("return_code") != "SUCCESS") return new RefundOutcome.Unknown("return_code FAIL " + r.Get("return_msg"));
        if (r.Get("result_code") != "SUCCESS")
            return r.Get("err_code") == "REFUNDNOTEXIST" ? new RefundOutcome.NotFound() : new RefundOutcome.Unknown(r.Get("err_code"));
        return r.Get("refund_status_0") switch
        {
            "SUCCESS" => new RefundOutcome.Refunded(new Money(long.Parse(r.Get("refund_fee_0"), CultureInfo.InvariantCulture))),
            "PROCESSING" => new RefundOutcome.Processing(),
            "REFUNDCLOSE" => new RefundOutcome.Failed("微信支付退款已关闭"),
            _ => new RefundOutcome.Failed("微信支付退款异常（退款到银行卡失败，需在商户平台处理）"),
        };
    }

    /// <summary>/pay/downloadbill: the day's bill as text on success, an XML FAIL otherwise (e.g. "No Bill Exist").</summary>
    public async Task<Bills.BillOutcome> DownloadAsync(DateOnly day, CancellationToken ct = default)
    {
        var date = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var fields = new Dictionary<string, string> { ["bill_date"] = date, ["bill_type"] = "ALL" };
        using var request = SignedRequest("/pay/downloadbill", fields);
        var answer = await ChannelHttp.SendAsync(httpFactory.CreateClient(HttpClientName), request, _options.Timeout * 5, "wechat", "/pay/downloadbill", ct);
        if (answer.Body is null) return new Bills.BillOutcome.NotAvailable(answer.Failure!);
        var text = Encoding.UTF8.GetString(answer.Body);
        if (text.TrimStart().StartsWith("<xml>", StringComparison.Ordinal))
            return new Bills.BillOutcome.NotAvailable(WeChatXml.Read(text)?.GetValueOrDefault("return_msg") ?? "无账单");
        var lines = Bills.WeChatBillFile.Read(text);
        log.LogInformation("WeChat Pay bill {Date}: {Lines} lines", date, lines?.Count);
        return lines is null ? new Bills.BillOutcome.NotAvailable("账单文件无法读取") : new Bills.BillOutcome.Downloaded(lines);
    }

    /// <summary>
    /// The handler of the /secapi/ client: the merchant's API certificate presented, and the gateway's own
    /// certificate trusted when one is configured (the sandbox's), besides the system's CAs.
    /// </summary>
    public static HttpClientHandler SecureHandler(WeChatPayOptions options)
    {
        var handler = new HttpClientHandler();
        if (!string.IsNullOrEmpty(options.ClientCertificatePath))
        {
            handler.ClientCertificateOptions = ClientCertificateOption.Manual;
            handler.ClientCertificates.Add(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                options.ClientCertificatePath, options.ClientCertificatePassword ?? options.MchId));
        }
        if (!string.IsNullOrEmpty(options.GatewayCertificatePath))
        {
            var pinned = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(options.GatewayCertificatePath);
            handler.ServerCertificateCustomValidationCallback = (_, cert, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None || cert?.Thumbprint == pinned.Thumbprint;
        }
        return handler;
    }

    private HttpRequestMessage SignedRequest(string path, Dictionary<string, string> fields)
    {
        fields["appid"] = _options.AppId;
        fields["mch_id"] = _options.MchId;
        fields["nonce_str"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        fields["sign_type"] = _options.SignType;
        fields["sign"] = WeChatSignature.Sign(fields, _options.ApiKey, _options.SignType);
        var host = path.StartsWith("/secapi/", StringComparison.Ordinal) && _options.SecureBaseUrl.Length > 0 ? _options.SecureBaseUrl : _options.BaseUrl;
        return new HttpRequestMessage(HttpMethod.Post, host.TrimEnd('/') + path)
        {
            Content = new StringContent(WeChatXml.Write(fields), Encoding.UTF8, "text/xml"),
        };
    }

    private async Task<(WeChatAnswer?, string?)> CallAsync(string path, Dictionary<string, string> fields, string outTradeNo, bool secure, CancellationToken ct)
    {
        var http = httpFactory.CreateClient(secure ? SecureHttpClientName : HttpClientName);
        using var request = SignedRequest(path, fields);
        var answer = await ChannelHttp.SendAsync(http, request, _options.Timeout, "wechat", path, ct);
        var unknown = answer.Failure;
        Dictionary<string, string>? reply = null;
        if (answer.Body is { } body)
        {
            reply = WeChatXml.Read(Encoding.UTF8.GetString(body));
            if (reply is null) unknown = "unparsable answer";
            // A FAIL at the transport level comes unsigned; everything else must verify.
            else if (reply.GetValueOrDefault("return_code") == "SUCCESS" && !WeChatSignature.Verify(reply, _options.ApiKey))
                unknown = "answer signature does not verify";
        }
        if (unknown is not null)
        {
            log.LogWarning("WeChat Pay {Path} {OutTradeNo}: outcome unknown ({Reason})", path, outTradeNo, unknown);
            return (null, unknown);
        }
        var r = new WeChatAnswer(reply!);
        log.LogInformation("WeChat Pay {Path} {OutTradeNo}: {ReturnCode}/{ResultCode} {ErrCode} {TradeState}",
            path, outTradeNo, r.Get("return_code"), r.Get("result_code"), r.Get("err_code"), r.Get("trade_state"));
        return (r, null);
    }

    private static ChannelOutcome Paid(WeChatAnswer r) =>
        long.TryParse(r.Get("total_fee"), NumberStyles.None, CultureInfo.InvariantCulture, out var fen)
            ? new ChannelOutcome.Paid(r.Get("transaction_id"), new Money(fen))
            : new ChannelOutcome.Unknown("paid answer without a readable total_fee");

    private static ChannelOutcome.Failed Failed(ChannelFailure reason, WeChatAnswer r) =>
        new(reason, $"{r.Get("err_code")} {r.Get("err_code_des")}".Trim());

    private sealed record WeChatAnswer(IReadOnlyDictionary<string, string> Fields)
    {
        public string Get(string name) => Fields.TryGetValue(name, out var v) ? v : "";
    }
}
