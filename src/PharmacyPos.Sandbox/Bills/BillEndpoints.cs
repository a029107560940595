using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PharmacyPos.Channels.Bills;
using PharmacyPos.Channels.WeChatPay;
using PharmacyPos.Domain;
using PharmacyPos.Sandbox.Model;

namespace PharmacyPos.Sandbox.Bills;

/// <summary>
/// The channels' day bills, drawn from the sandbox ledger: Alipay's zip behind the URL that
/// alipay.data.dataservice.bill.downloadurl.query hands out, and WeChat Pay's /pay/downloadbill.
/// Unlike the real channels (T+1), today's bill is served too, so a test can reconcile at once.
/// </summary>
public static class BillEndpoints
{
    public static void MapBills(this IEndpointRouteBuilder app)
    {
        app.MapGet("/alipay/bill/{date}", (string date, string? token, SandboxState state, SandboxOptions options) =>
        {
            if (!TryDay(date, "yyyy-MM-dd", out var day) || token != BillToken(options, date)) return Results.NotFound();
            var rows = Day(state, Channel.Alipay, day).Select(e => (
                state.Find(Channel.Alipay, e.OutTradeNo)?.ChannelTradeId ?? "", e.OutTradeNo,
                e.Movement == Movement.Charge ? "交易" : "退款", state.Find(Channel.Alipay, e.OutTradeNo)?.Subject ?? "", e.Time,
                new Money(e.AmountFen), e.RefundNo));
            return Results.File(AlipayBillFile.Write("2088" + options.AlipayAppId[^12..], day, rows), "application/zip", $"{date}_业务明细.zip");
        });

        app.MapPost("/pay/downloadbill", async (HttpContext http, SandboxState state, SandboxOptions options) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var f = WeChatXml.Read(await reader.ReadToEndAsync());
            if (f is null || !WeChatSignature.Verify(f, options.WeChatApiKey) || f.GetValueOrDefault("mch_id") != options.WeChatMchId)
                return Fail("签名错误");
            if (!TryDay(f.GetValueOrDefault("bill_date"), "yyyyMMdd", out var day) || day > Today(state)) return Fail("No Bill Exist");
            var entries = Day(state, Channel.WeChat, day);
            var reversed = entries.Where(e => e.Movement == Movement.Reversal).Select(e => e.OutTradeNo).ToHashSet();
            var rows = entries.Where(e => e.Movement is Movement.Charge or Movement.Refund).Select(e =>
            {
                var trade = state.Find(Channel.WeChat, e.OutTradeNo);
                var state_ = e.Movement == Movement.Refund ? "REFUND" : reversed.Contains(e.OutTradeNo) ? "REVOKED" : "SUCCESS";
                var amount = trade?.Amount ?? new Money(e.AmountFen);
                return (e.Time, trade?.ChannelTradeId ?? "", e.OutTradeNo, state_, amount, e.RefundNo,
                    e.Movement == Movement.Refund ? new Money(e.AmountFen) : Money.Zero, trade?.Subject ?? "");
            });
            return Results.Text(WeChatBillFile.Write(options.WeChatAppId, options.WeChatMchId, rows), "text/plain", Encoding.UTF8);
        });
    }

    /// <summary>The download URL's token: only a caller who asked through the signed API gets a working link.</summary>
    public static string BillToken(SandboxOptions options, string date) =>
        Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.WeChatApiKey), Encoding.UTF8.GetBytes("alipay-bill:" + date)))[..24];

    public static DateOnly Today(SandboxState state) => DateOnly.FromDateTime(BeijingTime.From(state.Now).DateTime);

    private static List<LedgerEntry> Day(SandboxState state, Channel channel, DateOnly day) =>
        [.. state.Ledger().Where(e => e.Channel == channel && DateOnly.FromDateTime(BeijingTime.From(e.Time).DateTime) == day)];

    public static bool TryDay(string? text, string format, out DateOnly day) =>
        DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static IResult Fail(string message) =>
        Results.Text(WeChatXml.Write(new Dictionary<string, string> { ["return_code"] = "FAIL", ["return_msg"] = message }), "text/xml", Encoding.UTF8);
}
