using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Checkout.Shifts;
using PharmacyPos.Data;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Shifts;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Domain.Payments;

namespace PharmacyPos.Checkout.Tests;

/// <summary>班次 at the till: what is written carries the writer's shift, the 交班 figures are that shift's own, and the count is kept against them.</summary>
public sealed class ShiftTests(MobileHarness h) : IClassFixture<MobileHarness>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await using var db = h.Database.NewContext();
        await h.Staff(db).SeedDemoAsync(1);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly ManagerApproval Manager = new("manager", "dianzhang2026");

    internal static async Task<Order> PayCashAsync(MobileHarness h, Actor cashier, string received, params string[] drugs) =>
        (await TryPayCashAsync(h, cashier, received, drugs)).Value;

    internal static async Task<PharmacyPos.Domain.Errors.Result<Order>> TryPayCashAsync(MobileHarness h, Actor cashier, string received, params string[] drugs)
    {
        await using var db = h.ShiftContextFor(cashier);
        var terminal = Microsoft.Extensions.Options.Options.Create(new TerminalOptions());
        return await h.Cash(db, terminal)
            .PayAsync(await h.SaleAsync(drugs), received);
    }

    internal static async Task<AttemptView> PayMobileAsync(MobileHarness h, Actor cashier, string customer, params string[] drugs)
    {
        var (checkout, db) = h.Checkout(h.ShiftContextFor(cashier));
        await using (db)
            return Assert.IsType<ScanResult.Started>(await checkout.ScanAsync(await h.SaleAsync(drugs), h.Code(customer, Wallet.Alipay), null)).Attempt;
    }

    private async Task<T> WithShiftsAsync<T>(Actor actor, Func<TillShifts, Task<T>> work)
    {
        await using var db = h.ShiftContextFor(actor);
        return await work(h.Shifts(db));
    }

    [Fact]
    public async Task A_shifts_figures_are_its_own_cash_mobile_refunds_and_movements_and_the_count_is_kept_against_them()
    {
        var cashier = new Actor("cashier", "演示收银员", StaffRole.Cashier);
        Assert.True((await WithShiftsAsync(cashier, s => s.DeclareFloatAsync(Money.FromYuan(200m)))).IsSuccess);
        var cash = await PayCashAsync(h, cashier, "100", "YP00004");
        var mobile = await PayMobileAsync(h, cashier, "unbound", "YP00001");
        Assert.Equal(OrderStatus.Paid, mobile.Status);
        await using (var db = h.ShiftContextFor(cashier))
        {
            var (refunds, _) = h.Refunds(db);
            Assert.True((await refunds.RefundAsync(mobile.OrderId)).IsSuccess);
        }
        var moved = await WithShiftsAsync(cashier, s => s.MoveCashAsync(CashMovementKind.ToSafe, Money.FromYuan(50m), "存入保险柜", null));
        Assert.True(moved.IsSuccess, moved.Error?.Message);

        var view = moved.Value;
        var t = view.Totals;
        Assert.Equal((1, cash.Total), (t.For(PaymentMethod.Cash).PaymentCount, t.For(PaymentMethod.Cash).Payments));
        Assert.Equal((1, mobile.Total, 1, mobile.Total), (t.For(PaymentMethod.Alipay).PaymentCount, t.For(PaymentMethod.Alipay).Payments,
            t.For(PaymentMethod.Alipay).RefundCount, t.For(PaymentMethod.Alipay).Refunds));
        Assert.Equal((Money.FromYuan(100m), Money.FromYuan(100m) - cash.Total), (t.CashTaken, t.ChangeGiven));
        Assert.Equal(Money.FromYuan(200m) + cash.Total - Money.FromYuan(50m), t.ExpectedCash);
        await using (var db = h.Database.NewContext())
        {
            Assert.All(await db.Orders.Where(o => o.Id == cash.Id || o.Id == mobile.OrderId).ToListAsync(), o => Assert.Equal(view.Shift.Id, o.ShiftId));
            Assert.Equal(view.Shift.Id, (await db.Refunds.SingleAsync(r => r.OrderId == mobile.OrderId)).ShiftId);
        }

        // 短款 ¥5.00 is within the store's ¥10.00: the cashier hands over alone.
        var handed = await WithShiftsAsync(cashier, s => s.HandOverAsync(view.Shift.Id, new CashCount(t.ExpectedCash - Money.FromYuan(5m)), null));
        Assert.True(handed.IsSuccess, handed.Error?.Message);
        Assert.Equal((ShiftStatus.HandedOver, Money.FromYuan(-5m), t.ExpectedCash), (handed.Value.Shift.Status, handed.Value.Shift.Difference, handed.Value.Shift.Expected));
        Assert.Equal("SHIFT_ALREADY_HANDED_OVER", (await WithShiftsAsync(cashier, s => s.HandOverAsync(view.Shift.Id, new CashCount(Money.Zero), null))).Error!.Code);

        // The 交班单 reprints the figures as they were, and the cashier's next sale starts a new shift.
        var next = await PayCashAsync(h, cashier, "50", "YP00004");
        Assert.NotEqual(view.Shift.Id, next.ShiftId);
        var reprint = await WithShiftsAsync(cashier, s => s.ViewAsync(view.Shift.Id));
        Assert.Equal(t.ExpectedCash, reprint.Value.Totals.ExpectedCash);
        await using (var db = h.Database.NewContext())
            Assert.Contains(await db.Audit.Where(a => a.Action == AuditActions.ShiftHandedOver).Select(a => a.Detail).ToListAsync(), d => d!.Contains("短款 ¥5.00"));
    }

    [Fact]
    public async Task Cash_and_differences_beyond_the_settings_need_a_managers_password_and_refusals_are_audited()
    {
        var cashier = new Actor("cashier2", "收银员丙", StaffRole.Cashier);
        var big = Money.FromYuan(600m);
        Assert.Equal("MANAGER_APPROVAL_REQUIRED",
            (await WithShiftsAsync(cashier, s => s.MoveCashAsync(CashMovementKind.ToSafe, big, "存入保险柜", null))).Error!.Code);
        Assert.Equal("CASH_APPROVER_INVALID",
            (await WithShiftsAsync(cashier, s => s.MoveCashAsync(CashMovementKind.ToSafe, big, "存入保险柜", new("manager", "wrong")))).Error!.Code);
        Assert.Equal("CASH_APPROVER_NOT_MANAGER",
            (await WithShiftsAsync(cashier, s => s.MoveCashAsync(CashMovementKind.ToSafe, big, "存入保险柜", new("cashier", "shouyin2026")))).Error!.Code);
        var moved = await WithShiftsAsync(cashier, s => s.MoveCashAsync(CashMovementKind.FloatTopUp, big, "零钱不够", Manager));
        Assert.True(moved.IsSuccess, moved.Error?.Message);
        Assert.Equal("manager", Assert.Single(moved.Value.Movements).ApprovedBy);
        Assert.Equal(big, moved.Value.Totals.ExpectedCash);

        var id = moved.Value.Shift.Id;
        var over = new CashCount(big + Money.FromYuan(20m));
        Assert.Equal("MANAGER_APPROVAL_REQUIRED", (await WithShiftsAsync(cashier, s => s.HandOverAsync(id, over, null))).Error!.Code);
        var handed = await WithShiftsAsync(cashier, s => s.HandOverAsync(id, over, Manager));
        Assert.Equal(("长款 ¥20.00", "manager"), (Shift.DescribeDifference(handed.Value.Shift.Difference!.Value), handed.Value.Shift.DifferenceApprovedBy));
        await using var db = h.Database.NewContext();
        Assert.Equal(2, await db.Audit.CountAsync(a => a.Action == AuditActions.CashApprovalRefused && a.UserName == "cashier2"));
    }

    [Fact]
    public async Task A_cashier_cannot_hand_over_or_read_someone_elses_shift_and_a_manager_can()
    {
        var away = new Actor("cashier3", "收银员丁", StaffRole.Cashier);
        var id = (await WithShiftsAsync(away, s => s.CurrentAsync())).Value.Shift.Id;
        var other = new Actor("cashier4", "收银员戊", StaffRole.Cashier);
        Assert.Equal("SHIFT_NOT_YOURS", (await WithShiftsAsync(other, s => s.HandOverAsync(id, new CashCount(Money.Zero), null))).Error!.Code);
        Assert.Equal("SHIFT_NOT_YOURS", (await WithShiftsAsync(other, s => s.ViewForAsync(id))).Error!.Code);
        Assert.True((await WithShiftsAsync(MobileHarness.Manager, s => s.ViewForAsync(id))).IsSuccess);
        var byManager = await WithShiftsAsync(MobileHarness.Manager, s => s.HandOverAsync(id, new CashCount(Money.Zero), null));
        Assert.Equal(("manager", ShiftStatus.HandedOver), (byManager.Value.Shift.HandedOverBy, byManager.Value.Shift.Status));
    }

    [Fact]
    public async Task Two_screens_handing_over_one_shift_at_once_hand_it_over_once()
    {
        var cashier = new Actor("cashier5", "收银员己", StaffRole.Cashier);
        var id = (await WithShiftsAsync(cashier, s => s.CurrentAsync())).Value.Shift.Id;
        await using var a = h.ShiftContextFor(cashier);
        await using var b = h.ShiftContextFor(cashier);
        var results = await Task.WhenAll(h.Shifts(a).HandOverAsync(id, new CashCount(Money.Zero), null), h.Shifts(b).HandOverAsync(id, new CashCount(Money.Zero), null));
        Assert.Single(results, r => r.IsSuccess);
        Assert.Equal("SHIFT_ALREADY_HANDED_OVER", Assert.Single(results, r => !r.IsSuccess).Error!.Code);
        await using var db = h.Database.NewContext();
        Assert.Equal(1, await db.Audit.CountAsync(e => e.Action == AuditActions.ShiftHandedOver && e.Detail!.Contains($"班次 {id}（")));
    }
}
