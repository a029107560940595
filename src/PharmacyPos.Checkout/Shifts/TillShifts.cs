using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmacyPos.Checkout.Settings;
using PharmacyPos.Checkout.Staff;
using PharmacyPos.Data;
using PharmacyPos.Data.Shifts;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Refunds;
using PharmacyPos.Domain.Shifts;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Checkout.Shifts;

/// <summary>A manager's account and password typed at the till to allow what the cashier alone may not.</summary>
public sealed record ManagerApproval(string? UserName, string? Password);

/// <summary>A shift with its figures as of now (or, once handed over, as they were at 交班).</summary>
public sealed record ShiftView(Shift Shift, ShiftTotals Totals, IReadOnlyList<CashMovement> Movements, Money MovementApprovalThreshold,
    Money DifferenceApprovalThreshold);

/// <summary>
/// The cashier's 班次 at this till: 备用金, 取款/备用金补充, the figures the drawer is counted
/// against, and 交班. A cashier hands over their own shift; a manager may close an absent cashier's.
/// </summary>
public sealed class TillShifts(PosDbContext db, OpenShifts open, StaffAccounts staff, StoreSettingsService settings,
    IOptions<TerminalOptions> terminal, TimeProvider clock, ILogger<TillShifts> log)
{
    /// <summary>The signed-in cashier's open shift here, opened now if they have none.</summary>
    public async Task<Result<ShiftView>> CurrentAsync(CancellationToken ct = default)
    {
        if (!db.Actor.IsStaff) return ShiftErrors.NotFound;
        var t = terminal.Value;
        var id = await open.IdForAsync(t.StoreId, t.TerminalId, db.Actor, ct);
        return await ViewAsync(id, ct);
    }

    /// <summary>A shift as its 交班单 shows it: a cashier sees their own, a manager any.</summary>
    public async Task<Result<ShiftView>> ViewForAsync(long shiftId, CancellationToken ct = default)
    {
        var view = await ViewAsync(shiftId, ct);
        if (view.IsSuccess && view.Value.Shift.Cashier != db.Actor.UserName && !db.Actor.May(Permission.ManageCash))
            return new PosError("SHIFT_NOT_YOURS", "只能查看自己的班次；其他班次请店长查看。", ErrorKind.Forbidden);
        return view;
    }

    /// <summary>Whether the signed-in cashier's shift still waits for its 备用金: the sale screen's one question, without the figures.</summary>
    public async Task<bool> FloatMissingAsync(CancellationToken ct = default)
    {
        if (!db.Actor.IsStaff) return false;
        var t = terminal.Value;
        var id = await open.IdForAsync(t.StoreId, t.TerminalId, db.Actor, ct);
        return await db.Shifts.AnyAsync(s => s.Id == id && s.Float == null, ct);
    }

    public async Task<Result<ShiftView>> ViewAsync(long shiftId, CancellationToken ct = default)
    {
        var shift = await db.Shifts.AsNoTracking().SingleOrDefaultAsync(s => s.Id == shiftId, ct);
        if (shift is null) return ShiftErrors.NotFound;
        return await ViewOfAsync(shift, ct);
    }

    /// <summary>Shifts of the store, newest first: open ones for the manager to chase, handed-over ones to reprint.</summary>
    public Task<List<Shift>> ListAsync(DateOnly day, CancellationToken ct = default)
    {
        var (start, end) = (BeijingTime.StartOf(day), BeijingTime.StartOf(day.AddDays(1)));
        return db.Shifts.AsNoTracking()
            .Where(s => s.StoreId == terminal.Value.StoreId && (s.Status == ShiftStatus.Open || (s.OpenedAt >= start && s.OpenedAt < end)))
            .OrderByDescending(s => s.OpenedAt).ThenByDescending(s => s.Id).ToListAsync(ct);
    }

    public async Task<Result<ShiftView>> DeclareFloatAsync(Money amount, CancellationToken ct = default)
    {
        var current = await CurrentAsync(ct);
        if (!current.IsSuccess) return current.Error!;
        var shift = await db.Shifts.SingleAsync(s => s.Id == current.Value.Shift.Id, ct);
        if (shift.DeclareFloat(amount) is { } refused) return refused;
        db.AddAudit(AuditActions.FloatDeclared, amount: amount, detail: $"班次 {shift.Id}");
        return await SavedAsync(shift, ct);
    }

    public async Task<Result<ShiftView>> MoveCashAsync(CashMovementKind kind, Money amount, string? reason, ManagerApproval? approval,
        CancellationToken ct = default)
    {
        var current = await CurrentAsync(ct);
        if (!current.IsSuccess) return current.Error!;
        var shift = current.Value.Shift;
        var what = Enum.IsDefined(kind) ? CashMovement.ToChinese(kind) : "现金操作";
        var approved = await ApproveAsync(what, amount, current.Value.MovementApprovalThreshold, approval, ct);
        if (!approved.IsSuccess) return approved.Error!;
        var movement = CashMovement.Record(shift, kind, amount, reason, db.Actor.UserName, approved.Value, clock.GetUtcNow());
        if (!movement.IsSuccess) return movement.Error!;
        db.CashMovements.Add(movement.Value);
        db.AddAudit(AuditActions.CashMoved, amount: amount, detail: $"{what}：{movement.Value.Reason}（班次 {shift.Id}）", approver: approved.Value);
        await db.SaveChangesAsync(ct);
        log.LogInformation("Shift {Shift}: {Kind} {Amount} by {Actor}, approved by {Approver}: {Reason}",
            shift.Id, kind, amount, db.Actor.UserName, approved.Value ?? "-", movement.Value.Reason);
        return await ViewAsync(shift.Id, ct);
    }

    /// <summary>交班: the count set against the shift's figures, the difference kept; beyond the setting a manager allows it.</summary>
    public async Task<Result<ShiftView>> HandOverAsync(long shiftId, CashCount count, ManagerApproval? approval, CancellationToken ct = default)
    {
        var shift = await db.Shifts.SingleOrDefaultAsync(s => s.Id == shiftId, ct);
        if (shift is null) return ShiftErrors.NotFound;
        if (shift.Status != ShiftStatus.Open) return ShiftErrors.AlreadyHandedOver;
        if (shift.Cashier != db.Actor.UserName && !db.Actor.May(Permission.ManageCash)) return ShiftErrors.NotYours;
        var view = await ViewOfAsync(shift, ct);
        var difference = Shift.DifferenceOf(count, view.Totals);
        var magnitude = difference.IsNegative ? Money.Zero - difference : difference;
        var approved = await ApproveAsync("交班差额", magnitude, view.DifferenceApprovalThreshold, approval, ct);
        if (!approved.IsSuccess) return approved.Error!;
        if (shift.HandOver(count, view.Totals, db.Actor.UserName, approved.Value, clock.GetUtcNow()) is { } refused) return refused;
        db.AddAudit(AuditActions.ShiftHandedOver, amount: count.Total,
            detail: $"班次 {shift.Id}（{shift.CashierName}，{shift.TerminalId}）：应有现金 {view.Totals.ExpectedCash}，实点 {count.Total}，{Shift.DescribeDifference(difference)}"
                    + (view.Totals.InDoubt.Count > 0 ? $"，未决 {view.Totals.InDoubt.Count} 笔" : ""),
            approver: approved.Value);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ShiftErrors.AlreadyHandedOver;
        }
        open.Forget(shift.StoreId, shift.TerminalId, shift.Cashier);
        log.LogInformation("Shift {Shift} of {Cashier} at {Terminal} handed over by {Actor}: expected {Expected}, counted {Counted}, difference {Difference}, {InDoubt} in doubt",
            shift.Id, shift.Cashier, shift.TerminalId, db.Actor.UserName, view.Totals.ExpectedCash, count.Total, difference, view.Totals.InDoubt.Count);
        return view with { Shift = shift, Totals = shift.Closing! };
    }

    /// <summary>Null approver when none was needed; the manager's user name when one was and they gave it.</summary>
    private async Task<Result<string?>> ApproveAsync(string what, Money amount, Money threshold, ManagerApproval? approval, CancellationToken ct)
    {
        if (!CashApproval.IsRequired(amount, db.Actor, threshold)) return (string?)null;
        if (approval is null || (string.IsNullOrEmpty(approval.UserName) && string.IsNullOrEmpty(approval.Password)))
            return CashApproval.Required(what, amount, threshold);
        var approver = await staff.VerifyCashApproverAsync(approval.UserName, approval.Password, $"{what} {amount}", ct);
        return approver.IsSuccess ? approver.Value.UserName : approver.Error!;
    }

    private async Task<Result<ShiftView>> SavedAsync(Shift shift, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ShiftErrors.NotOpen;
        }
        return await ViewOfAsync(shift, ct);
    }

    private async Task<ShiftView> ViewOfAsync(Shift shift, CancellationToken ct)
    {
        var current = await settings.CurrentAsync(ct);
        var movements = await db.CashMovements.AsNoTracking().Where(m => m.ShiftId == shift.Id).OrderBy(m => m.Id).ToListAsync(ct);
        var totals = shift.Closing ?? await TotalsAsync(db, shift, movements, ct);
        return new ShiftView(shift, totals, movements, current.CashMovementApprovalThreshold, current.ShiftDifferenceApprovalThreshold);
    }

    /// <summary>The shift's figures from its orders, refunds and movements as they are in the database now.</summary>
    public static async Task<ShiftTotals> TotalsAsync(PosDbContext db, Shift shift, IReadOnlyList<CashMovement> movements, CancellationToken ct)
    {
        var payments = await db.Orders.AsNoTracking().IgnoreAutoIncludes().Where(o => o.ShiftId == shift.Id)
            .Select(o => new { o.TradeNo, o.Method, o.Total, o.Status, o.CashReceived, o.Change }).ToListAsync(ct);
        var refunds = await db.Refunds.AsNoTracking().Where(r => r.ShiftId == shift.Id && r.Status == RefundStatus.Refunded)
            .Select(r => new { r.Method, r.Amount }).ToListAsync(ct);
        return ShiftTotals.Of(shift.Float ?? Money.Zero,
            payments.Select(p => new ShiftPayment(p.TradeNo.Value, p.Method, p.Total, p.Status, p.CashReceived, p.Change)),
            refunds.Select(r => new ShiftRefund(r.Method, r.Amount)),
            movements.Select(m => m.Signed));
    }
}
