using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmacyPos.Channels.Insurance;
using PharmacyPos.Checkout.Reconciliation;
using PharmacyPos.Data;
using PharmacyPos.Data.Reports;
using PharmacyPos.Data.Shifts;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Reconciliation;
using PharmacyPos.Domain.Shifts;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Checkout.Shifts;

/// <summary>What stands between a day and its 日结, and the report as it would read now (or as it was closed).</summary>
public sealed record DayCloseView(DayReport Report, IReadOnlyList<Shift> OpenShifts, int ParkedSales)
{
    public bool IsClosed => Report.IsClosed;
}

/// <summary>
/// 日结: a manager closes one Beijing business day of the store. Every shift that worked the day
/// must have handed over (an open shift with nothing in it is closed with the day); payments still
/// in doubt are carried only when the manager says so; the day is reconciled (bills, 5203, 3201),
/// the till signs out of the insurance platform (9002), parked sales expire, and the report is kept
/// as it was. The database takes one 日结 per store and day, whichever terminal asks first.
/// </summary>
public sealed class DayCloses(PosDbContext db, SalesReports sales, DailyReconciliation reconciliation, IInsurancePlatform insurance,
    OpenShifts open, IOptions<TerminalOptions> terminal, TimeProvider clock, ILogger<DayCloses> log)
{
    public static readonly PosError NotAllowed = new("DAY_CLOSE_FORBIDDEN", "日结须由店长或管理员操作。", ErrorKind.Forbidden);
    public static readonly PosError AlreadyClosed = new("DAY_ALREADY_CLOSED", "该日已日结，不能重复日结。", ErrorKind.Conflict);

    private int StoreId => terminal.Value.StoreId;

    public async Task<DayCloseView> ViewAsync(DateOnly day, CancellationToken ct = default)
    {
        var closed = await db.DayCloses.AsNoTracking().SingleOrDefaultAsync(c => c.StoreId == StoreId && c.Day == day, ct);
        if (closed is not null) return new DayCloseView(DayReport.Deserialize(closed.Report), [], 0);
        var (openShifts, inDoubt, parked) = await StateAsync(day, ct);
        var latest = await reconciliation.LatestAsync(day, ct);
        var report = await ReportAsync(day, inDoubt, latest?.Differences ?? [], [], null, null, ct);
        return new DayCloseView(report, openShifts, parked.Count);
    }

    public async Task<Result<DayReport>> CloseAsync(DateOnly day, bool carryInDoubt, CancellationToken ct = default)
    {
        if (!db.Actor.May(Permission.ManageCash)) return NotAllowed;
        var alreadyClosed = await db.DayCloses.AnyAsync(c => c.StoreId == StoreId && c.Day == day, ct);
        var (openShifts, inDoubt, parked) = await StateAsync(day, ct);
        var idle = new List<Shift>();
        foreach (var s in openShifts)
            if (await IsEmptyAsync(s, ct)) idle.Add(s);
        var working = openShifts.Except(idle).Select(s => $"{s.CashierName}（{s.TerminalId}）").ToList();
        if (DayClose.Refusal(day, BeijingTime.Today(clock), alreadyClosed, working, inDoubt.Count, carryInDoubt) is { } refused) return refused;

        var notes = new List<string>();
        var reconciled = await ReconcileAsync(day, notes, ct);
        await SignOutAsync(notes, ct);
        var now = clock.GetUtcNow();
        foreach (var s in idle)
        {
            // A shift that took nothing (a manager signed in to approve, a cashier who never sold) closes with the day.
            var tracked = await db.Shifts.SingleAsync(x => x.Id == s.Id, ct);
            tracked.HandOver(new CashCount(Money.Zero), ShiftTotals.Of(Money.Zero, [], [], []), db.Actor.UserName, null, now);
            notes.Add($"班次 {s.Id}（{s.CashierName}，{s.TerminalId}）无业务，随日结关闭。");
        }
        if (parked.Count > 0)
        {
            db.ParkedSales.RemoveRange(parked);
            notes.Add($"{parked.Count} 笔挂单未取，随日结作废：" + string.Join("；", parked.Select(p => $"{BeijingTime.Text(p.ParkedAt)} {p.Summary} {p.Total}")));
        }
        if (inDoubt.Count > 0) notes.Add($"{inDoubt.Count} 笔支付结果未定，结转：由自动核实处理，计入结果确定当日。");

        var report = await ReportAsync(day, inDoubt, reconciled, notes, now, db.Actor.ToString(), ct);
        db.DayCloses.Add(DayClose.Close(StoreId, day, report.Serialize(), db.Actor.UserName, now));
        db.AddAudit(AuditActions.DayClosed, amount: report.Sales.Total.Net,
            detail: $"{day:yyyy-MM-dd}：{report.Sales.Total.Count} 笔，净额 {report.Sales.Total.Net}，班次 {report.Shifts.Count}，结转未决 {inDoubt.Count}，对账差异 {reconciled.Count}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (StorageFailures.Is(e, StorageFailure.UniqueViolation) || e is DbUpdateConcurrencyException)
        {
            // Another terminal closed the day (or a shift) while this one was reconciling: theirs stands, nothing of ours was kept.
            return AlreadyClosed;
        }
        foreach (var s in idle) open.Forget(s.StoreId, s.TerminalId, s.Cashier);
        log.LogInformation("Day {Day} closed by {Actor}: {Count} payments, net {Net}, {Shifts} shifts, {InDoubt} carried in doubt, {Differences} differences, {Parked} parked sales expired",
            day, db.Actor.UserName, report.Sales.Total.Count, report.Sales.Total.Net, report.Shifts.Count, inDoubt.Count, reconciled.Count, parked.Count);
        return report;
    }

    /// <summary>Shifts that began by the day's end and are still open, payments of the day still in doubt, and the sales parked by then.</summary>
    private async Task<(List<Shift> Open, List<InDoubtLine> InDoubt, List<Domain.Sales.ParkedSale> Parked)> StateAsync(DateOnly day, CancellationToken ct)
    {
        var end = BeijingTime.StartOf(day.AddDays(1));
        var shifts = await db.Shifts.AsNoTracking().Where(s => s.StoreId == StoreId && s.Status == ShiftStatus.Open && s.OpenedAt < end)
            .OrderBy(s => s.OpenedAt).ToListAsync(ct);
        var pending = await db.Orders.AsNoTracking().IgnoreAutoIncludes()
            .Where(o => o.StoreId == StoreId && o.Status == OrderStatus.Pending && o.CreatedAt < end)
            .OrderBy(o => o.CreatedAt).Select(o => new { o.TradeNo, o.Method, o.Total, o.CreatedAt }).ToListAsync(ct);
        var parked = await db.ParkedSales.Where(p => p.StoreId == StoreId && p.ParkedAt < end).ToListAsync(ct);
        return (shifts, [.. pending.Select(p => new InDoubtLine(p.TradeNo.Value, p.Method.ToChinese(), p.Total, p.CreatedAt))], parked);
    }

    private async Task<bool> IsEmptyAsync(Shift s, CancellationToken ct) =>
        (s.Float ?? Money.Zero) == Money.Zero
        && !await db.Orders.IgnoreAutoIncludes().AnyAsync(o => o.ShiftId == s.Id, ct)
        && !await db.Refunds.AnyAsync(r => r.ShiftId == s.Id, ct)
        && !await db.CashMovements.AnyAsync(m => m.ShiftId == s.Id, ct);

    private async Task<DayReport> ReportAsync(DateOnly day, IReadOnlyList<InDoubtLine> inDoubt, IReadOnlyList<Difference> differences,
        IReadOnlyList<string> notes, DateTimeOffset? closedAt, string? closedBy, CancellationToken ct)
    {
        var (start, end) = (BeijingTime.StartOf(day), BeijingTime.StartOf(day.AddDays(1)));
        var figures = await sales.BuildAsync(StoreId, day, day, ct);
        // The tracked shifts are the ones this close is about to hand over: read them as they will be saved.
        var shifts = await db.Shifts.Where(s => s.StoreId == StoreId && s.OpenedAt >= start && s.OpenedAt < end)
            .OrderBy(s => s.OpenedAt).ThenBy(s => s.Id).ToListAsync(ct);
        return new DayReport(day, closedAt, closedBy, figures, [.. shifts.Select(ShiftLine.Of)], inDoubt, differences, notes);
    }

    /// <summary>对账 and the 3201 totals: a channel that cannot answer is noted, and does not stop the day from closing.</summary>
    private async Task<IReadOnlyList<Difference>> ReconcileAsync(DateOnly day, List<string> notes, CancellationToken ct)
    {
        try
        {
            var run = await reconciliation.RunAsync(day, ct);
            notes.AddRange(run.NotReconciled);
            if (!run.NotReconciled.Any(n => n.Contains("3201")) && !run.Differences.Any(d => d.Kind == DifferenceKind.TotalsMismatch))
                notes.Add("医保对总账（3201）一致。");
            return run.Differences;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            log.LogWarning(e, "Day {Day}: reconciliation at 日结 did not finish", day);
            notes.Add($"对账未完成：{e.Message}。可稍后在“对账”页重新对账。");
            return [];
        }
    }

    private async Task SignOutAsync(List<string> notes, CancellationToken ct)
    {
        try
        {
            await insurance.SignOutAsync(ct);
            notes.Add("医保签退（9002）已发送。");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            log.LogWarning(e, "Insurance sign-out (9002) at 日结 did not finish");
            notes.Add($"医保签退（9002）未完成：{e.Message}。下一营业日签到时会先签退。");
        }
    }
}
