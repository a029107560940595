using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmacyPos.Channels;
using PharmacyPos.Channels.Bills;
using PharmacyPos.Channels.Insurance;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Data;
using PharmacyPos.Data.Reconciliation;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Reconciliation;
using PharmacyPos.Domain.Refunds;

namespace PharmacyPos.Checkout.Reconciliation;

public sealed record ReconciliationReport(DateOnly Day, DateTimeOffset RanAt, int TradesCompared, IReadOnlyList<Difference> Differences,
    IReadOnlyList<string> NotReconciled);

/// <summary>
/// 对账: one store's day of mobile orders and refunds against each channel — the Alipay and
/// WeChat Pay day bills trade by trade; the insurance platform by a 5203 query per settlement
/// and its 3201 day totals. Every difference is listed with its kind and kept with the run.
/// </summary>
public sealed class DailyReconciliation(PosDbContext db, IEnumerable<IChannelBill> bills, PaymentChannels channels, IInsurancePlatform insurance,
    IOptions<TerminalOptions> terminal, TimeProvider clock, ILogger<DailyReconciliation> log)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public async Task<ReconciliationReport> RunAsync(DateOnly day, CancellationToken ct = default)
    {
        var storeId = terminal.Value.StoreId;
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), BeijingTime.Offset);
        var end = start.AddDays(1);
        var orders = await db.Orders.AsNoTracking().IgnoreAutoIncludes()
            .Where(o => o.StoreId == storeId && o.Method != PaymentMethod.Cash && o.CreatedAt >= start && o.CreatedAt < end).ToListAsync(ct);
        var ids = orders.Select(o => o.Id).ToList();
        var refunds = await db.Refunds.AsNoTracking().Where(r => ids.Contains(r.OrderId)).ToDictionaryAsync(r => r.OrderId, ct);
        PosTrade Trade(Order o) => refunds.GetValueOrDefault(o.Id) is { } r
            ? new(o.TradeNo.Value, o.Status, o.Total, r.RefundNo, r.Status == RefundStatus.Refunded)
            : new(o.TradeNo.Value, o.Status, o.Total, null, false);

        var differences = new List<Difference>();
        var notReconciled = new List<string>();
        foreach (var bill in bills)
        {
            switch (await bill.DownloadAsync(day, ct))
            {
                case BillOutcome.Downloaded d:
                    differences.AddRange(Reconciler.Compare(bill.Method, orders.Where(o => o.Method == bill.Method).Select(Trade), d.Lines));
                    break;
                case BillOutcome.NotAvailable n:
                    notReconciled.Add($"{bill.Method.ToChinese()}账单不可用：{n.Reason}");
                    break;
            }
        }
        // Everything the platform settled: the personal account by 扫码 and by the physical card alike (its 3201 counts both).
        await InsuranceAsync(day, orders.Where(o => o.Method is PaymentMethod.InsuranceAccount or PaymentMethod.SocialSecurityCard).ToList(),
            differences, notReconciled, ct);

        var report = new ReconciliationReport(day, clock.GetUtcNow(), orders.Count, differences, notReconciled);
        db.ReconciliationRuns.Add(ReconciliationRun.Record(storeId, day, report.RanAt, orders.Count, differences.Count, JsonSerializer.Serialize(report, Json)));
        await db.SaveChangesAsync(ct);
        CheckoutMetrics.Reconciled(differences);
        log.LogInformation("Reconciliation {Day}: {Compared} trades, {Differences} differences, {NotReconciled} channels not reconciled",
            day, orders.Count, differences.Count, notReconciled.Count);
        foreach (var d in differences) log.LogWarning("Reconciliation {Day}: {Kind} {Channel} {TradeNo} {RefundNo} ours {Pos} theirs {Theirs}", day, d.Kind, d.Channel, d.TradeNo, d.RefundNo, d.PosAmount, d.ChannelAmount);
        return report;
    }

    public async Task<ReconciliationReport?> LatestAsync(DateOnly day, CancellationToken ct = default)
    {
        var key = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var run = await db.ReconciliationRuns.AsNoTracking().Where(r => r.StoreId == terminal.Value.StoreId && r.Day == key)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        return run is null ? null : JsonSerializer.Deserialize<ReconciliationReport>(run.Report, Json);
    }

    /// <summary>The platform keeps no bill we can download: each settlement is asked about (5203), then the day's totals (3201).</summary>
    private async Task InsuranceAsync(DateOnly day, List<Order> orders, List<Difference> differences, List<string> notReconciled, CancellationToken ct)
    {
        var channel = channels.For(PaymentMethod.InsuranceAccount);
        foreach (var o in orders)
        {
            var answer = await channel.QueryAsync(o.TradeNo.Value, ct);
            if (answer is ChannelOutcome.Unknown or ChannelOutcome.WaitingForBuyer)
            {
                notReconciled.Add($"医保结算 {o.TradeNo} 暂无法核实：{answer}");
                continue;
            }
            // 5203 reports a settlement as paid even after 2103 cancelled it; its refund flag tells the rest.
            var cancelled = answer is ChannelOutcome.Paid
                && await channel.QueryRefundAsync(new ChannelRefund(o.TradeNo.Value, Refund.NumberFor(o.TradeNo), o.Total, o.Total, o.ChannelTradeId), ct) is RefundOutcome.Refunded;
            var theirs = answer is ChannelOutcome.Paid p && !cancelled ? p.Amount : (Money?)null;
            var ours = o.Status is OrderStatus.Paid or OrderStatus.Refunding;
            if (ours && theirs is null)
                differences.Add(new(cancelled ? DifferenceKind.RefundMismatch : DifferenceKind.PaidNotCharged, o.Method, o.TradeNo.Value, null, o.Total, null));
            else if (!ours && theirs is { } charged)
                differences.Add(new(o.Status == OrderStatus.Refunded ? DifferenceKind.RefundMismatch : DifferenceKind.ChargedNotPaid, o.Method, o.TradeNo.Value, null, null, charged));
            else if (ours && theirs != o.Total) differences.Add(new(DifferenceKind.AmountMismatch, o.Method, o.TradeNo.Value, null, o.Total, theirs));
        }
        var settled = orders.Where(o => o.Status is OrderStatus.Paid or OrderStatus.Refunding).ToList();
        var total = settled.Aggregate(Money.Zero, (s, o) => s + o.Total);
        var (balanced, detail) = await insurance.ReconcileDayAsync(day, total, total, settled.Count, ct);
        if (balanced is null) notReconciled.Add($"医保对总账（3201）无应答：{detail}");
        else if (balanced == false)
            differences.Add(new(DifferenceKind.TotalsMismatch, PaymentMethod.InsuranceAccount, "", null, total, null,
                $"医保对总账（3201）不平：本店医保个人账户（扫码与社保卡）{settled.Count} 笔，合计 {total}；医保中心：{detail}"));
    }
}
