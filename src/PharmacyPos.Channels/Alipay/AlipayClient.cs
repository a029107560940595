using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;

namespace PharmacyPos.Channels.Alipay;

/// <summary>
/// Alipay open platform, face-to-face barcode payment (当面付·条码支付): alipay.trade.pay,
/// .query, .cancel, .refund and .fastpay.refund.query over the form-encoded gateway.
/// </summary>
public sealed class AlipayClient : IPaymentChannel, Bills.IChannelBill, IDisposable
{
    private readonly HttpClient _http;
    private readonly AlipayOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<AlipayClient> _log;
    private readonly RSA _appKey;
    private readonly RSA _alipayKey;

    public AlipayClient(HttpClient http, IOptions<AlipayOptions> options, TimeProvider clock, ILogger<AlipayClient> log)
    {
        _http = http;
        _options = options.Value;
        _clock = clock;
        _log = log;
        _appKey = Keys.PrivateKey(_options.AppPrivateKey);
        _alipayKey = Keys.PublicKey(_options.AlipayPublicKey);
    }

    public PaymentMethod Method => PaymentMethod.Alipay;

    public async Task<ChannelOutcome> PayAsync(ChannelPayment payment, CancellationToken ct = default)
    {
        var (r, unknown) = await CallAsync("alipay.trade.pay", new()
        {
            ["out_trade_no"] = payment.OutTradeNo,
            ["scene"] = "bar_code",
            ["auth_code"] = payment.Tender.Presented,
            ["product_code"] = "FACE_TO_FACE_PAYMENT",
            ["subject"] = payment.Subject,
            ["total_amount"] = payment.Amount.ToYuanString(),
            ["timeout_express"] = "2m",
        }, payment.OutTradeNo, ct);
        if (r is null) return new ChannelOutcome.Unknown(unknown!);
        return r.Code switch
        {
            "10000" => Paid(r),
            "10003" => new ChannelOutcome.WaitingForBuyer(),
            "40004" => r.SubCode switch
            {
                "ACQ.PAYMENT_AUTH_CODE_INVALID" => Failed(ChannelFailure.CodeInvalid, r),
                "ACQ.BUYER_BALANCE_NOT_ENOUGH" or "ACQ.BUYER_BANKCARD_BALANCE_NOT_ENOUGH" => Failed(ChannelFailure.BalanceNotEnough, r),
                "ACQ.TRADE_HAS_CLOSE" => Failed(ChannelFailure.TradeClosed, r),
                // Already paid, or the gateway stumbled: only a query can say what happened.
                "ACQ.TRADE_HAS_SUCCESS" or "ACQ.SYSTEM_ERROR" => new ChannelOutcome.Unknown(r.SubCode),
                _ => Failed(ChannelFailure.Rejected, r),
            },
            "20000" => new ChannelOutcome.Unknown("20000 " + r.SubCode),
            _ => Failed(ChannelFailure.Rejected, r),
        };
    }

    public async Task<ChannelOutcome> QueryAsync(string outTradeNo, CancellationToken ct = default)
    {
        var (r, unknown) = await CallAsync("alipay.trade.query", new() { ["out_trade_no"] = outTradeNo }, outTradeNo, ct);
        if (r is null) return new ChannelOutcome.Unknown(unknown!);
        if (r.Code == "40004" && r.SubCode == "ACQ.TRADE_NOT_EXIST") return Failed(ChannelFailure.TradeNotFound, r);
        if (r.Code != "10000") return new ChannelOutcome.Unknown(r.Code + " " + r.SubCode);
        return r.Str("trade_status") switch
        {
            "TRADE_SUCCESS" or "TRADE_FINISHED" => Paid(r),
            "WAIT_BUYER_PAY" => new ChannelOutcome.WaitingForBuyer(),
            "TRADE_CLOSED" => new ChannelOutcome.Failed(ChannelFailure.TradeClosed, "TRADE_CLOSED"),
            var other => new ChannelOutcome.Unknown("trade_status " + other),
        };
    }

    public async Task<CancelOutcome> CancelAsync(string outTradeNo, CancellationToken ct = default)
    {
        var (r, unknown) = await CallAsync("alipay.trade.cancel", new() { ["out_trade_no"] = outTradeNo }, outTradeNo, ct);
        if (r is null) return new CancelOutcome.Unknown(unknown!);
        if (r.Str("retry_flag") == "Y") return new CancelOutcome.Retry(r.Code + " " + r.SubCode);
        return r.Code switch
        {
            "10000" => new CancelOutcome.Cancelled(MoneyReturned: r.Str("action") == "refund"),
            "40004" when r.SubCode == "ACQ.TRADE_NOT_EXIST" => new CancelOutcome.Cancelled(MoneyReturned: false),
            "20000" => new CancelOutcome.Unknown("20000 " + r.SubCode),
            _ => new CancelOutcome.Failed($"{r.Code} {r.SubCode} {r.SubMsg}"),
        };
    }

    public async Task<RefundOutcome> RefundAsync(ChannelRefund refund, CancellationToken ct = default)
    {
        var (r, unknown) = await CallAsync("alipay.trade.refund", new()
        {
            ["out_trade_no"] = refund.OutTradeNo,
            ["refund_amount"] = refund.RefundAmount.ToYuanString(),
            ["out_request_no"] = refund.OutRefundNo,
            ["refund_reason"] = "退单",
        }, refund.OutTradeNo, ct);
        if (r is null) return new RefundOutcome.Unknown(unknown!);
        return r.Code switch
        {
            // fund_change=N on a repeated out_request_no: the refund was made the first time.
            "10000" => new RefundOutcome.Refunded(refund.RefundAmount),
            "40004" when r.SubCode == "ACQ.SYSTEM_ERROR" => new RefundOutcome.Unknown(r.SubCode),
            "20000" => new RefundOutcome.Unknown("20000 " + r.SubCode),
            _ => new RefundOutcome.Failed(RefundOutcome.Says(r.SubMsg, "支付宝拒绝退款")),
        };
    }

    public async Task<RefundOutcome> QueryRefundAsync(ChannelRefund refund, CancellationToken ct = default)
    {
        var (r, unknown) = await CallAsync("alipay.trade.fastpay.refund.query", new()
        {
            ["out_trade_no"] = refund.OutTradeNo,
            ["out_request_no"] = refund.OutRefundNo,
        }, refund.OutTradeNo, ct);
        if (r is null) return new RefundOutcome.Unknown(unknown!);
        if (r.Code != "10000") return new RefundOutcome.Unknown(r.Code + " " + r.SubCode);
        // An empty 10000 answer is how Alipay says "no such refund".
        if (r.Str("refund_status") == "REFUND_SUCCESS" && Money.TryParse(r.Str("refund_amount"), out var amount))
            return new RefundOutcome.Refunded(amount);
        return r.Str("refund_amount").Length == 0 ? new RefundOutcome.NotFound() : new RefundOutcome.Processing();
    }

    /// <summary>alipay.data.dataservice.bill.downloadurl.query, then the zip at the URL it gives (valid for 30 s).</summary>
    public async Task<Bills.BillOutcome> DownloadAsync(DateOnly day, CancellationToken ct = default)
    {
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (r, unknown) = await CallAsync("alipay.data.dataservice.bill.downloadurl.query", new() { ["bill_type"] = "trade", ["bill_date"] = date }, "bill " + date, ct);
        if (r is null) return new Bills.BillOutcome.NotAvailable(unknown!);
        if (r.Code != "10000") return new Bills.BillOutcome.NotAvailable($"{r.SubCode} {r.SubMsg}".Trim());
        using var request = new HttpRequestMessage(HttpMethod.Get, r.Str("bill_download_url"));
        var file = await ChannelHttp.SendAsync(_http, request, _options.Timeout * 5, "alipay", "bill.download", ct);
        if (file.Body is null) return new Bills.BillOutcome.NotAvailable(file.Failure!);
        var lines = Bills.AlipayBillFile.Read(file.Body);
        _log.LogInformation("Alipay bill {Date}: {Lines} lines", date, lines?.Count);
        return lines is null ? new Bills.BillOutcome.NotAvailable("账单文件无法读取") : new Bills.BillOutcome.Downloaded(lines);
    }

    private async Task<(AlipayResponse?, string?)> CallAsync(string method, Dictionary<string, string> biz, string outTradeNo, CancellationToken ct)
    {
        var parameters = new Dictionary<string, string>
        {
            ["app_id"] = _options.AppId,
            ["method"] = method,
            ["format"] = "JSON",
            ["charset"] = "utf-8",
            ["sign_type"] = "RSA2",
            ["timestamp"] = BeijingTime.Now(_clock).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["version"] = "1.0",
            ["biz_content"] = JsonSerializer.Serialize(biz),
        };
        parameters["sign"] = AlipaySignature.Sign(AlipaySignature.Content(parameters), _appKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.GatewayUrl + "?charset=utf-8")
        {
            Content = new FormUrlEncodedContent(parameters),
        };

        var answer = await ChannelHttp.SendAsync(_http, request, _options.Timeout, "alipay", method, ct);
        string? unknown = answer.Failure;
        AlipayResponse? response = null;
        if (answer.Body is { } body)
        {
            response = AlipayResponse.Parse(body, method);
            if (response is null) unknown = "unparsable answer";
            else if (!AlipaySignature.Verify(response.SignedText, response.Sign, _alipayKey)) unknown = "answer signature does not verify";
        }
        if (unknown is not null)
        {
            _log.LogWarning("Alipay {Method} {OutTradeNo}: outcome unknown ({Reason})", method, outTradeNo, unknown);
            return (null, unknown);
        }
        _log.LogInformation("Alipay {Method} {OutTradeNo}: code {Code} {SubCode} status {Status}",
            method, outTradeNo, response!.Code, response.SubCode, response.Str("trade_status"));
        return (response, null);
    }

    private static ChannelOutcome Paid(AlipayResponse r) =>
        Money.TryParse(r.Str("total_amount"), out var amount)
            ? new ChannelOutcome.Paid(r.Str("trade_no"), amount)
            : new ChannelOutcome.Unknown("paid answer without a readable total_amount");

    private static ChannelOutcome.Failed Failed(ChannelFailure reason, AlipayResponse r) =>
        new(reason, $"{r.Code} {r.SubCode} {r.SubMsg}".Trim());

    public void Dispose()
    {
        _appKey.Dispose();
        _alipayKey.Dispose();
    }
}
