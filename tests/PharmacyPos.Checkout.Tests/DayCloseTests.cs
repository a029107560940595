using Microsoft.EntityFrameworkCore;
using PharmacyPos.Checkout.Shifts;
using PharmacyPos.Data.Export;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Domain.Shifts;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Sandbox.Model;

namespace PharmacyPos.Checkout.Tests;

/// <summary>日结 of a whole day: refused until the day is ready, closed once (also when two terminals ask at once), and the closed day reads the same ever after.</summary>
public sealed class DayCloseTests(MobileHarness h) : IClassFixture<MobileHarness>
{
    private static readonly Actor Cashier = new("cashier", "演示收银员", StaffRole.Cashier);

    private async Task<T> AsAsync<T>(Actor actor, Func<PosDbContextAnd, Task<T>> work)
    {
        await using var db = h.ShiftContextFor(actor);
        return await work(new(h.Shifts(db), h.DayCloses(db)));
    }

    private sealed record PosDbContextAnd(TillShifts Shifts, DayCloses Days);

    [Fact]
    public async Task A_day_closes_once_after_every_shift_hands_over_and_its_report_never_changes()
    {
        var today = BeijingTime.Today(h.Clock);
        await AsAsync(Cashier, u => u.Shifts.DeclareFloatAsync(Money.FromYuan(100m)));
        var cash = await ShiftTests.PayCashAsync(h, Cashier, "50", "YP00004");
        var mobile = await ShiftTests.PayMobileAsync(h, Cashier, "unbound", "YP00001");
        var waiting = await ShiftTests.PayMobileAsync(h, Cashier, "slow", "YP00202");
        Assert.Equal(OrderStatus.Pending, waiting.Status);
        Assert.True(h.Sandbox.Confirm(Channel.Alipay, waiting.TradeNo.Value)); // charged; the till has not heard yet
        await using (var db = h.ContextFor(Cashier))
            Assert.True((await new Sales.ParkedSales(db, h.Stock(db), Microsoft.Extensions.Options.Options.Create(new TerminalOptions()), h.Clock)
                .ParkAsync(await h.SaleAsync("YP00006"))).IsSuccess);
        // The manager signed in to approve something and sold nothing: an empty shift, closed with the day.
        await AsAsync(MobileHarness.Manager, u => u.Shifts.CurrentAsync());

        var open = await AsAsync(MobileHarness.Manager, u => u.Days.CloseAsync(today, carryInDoubt: false));
        Assert.Equal("DAY_SHIFTS_OPEN", open.Error!.Code);
        Assert.Contains("演示收银员", open.Error.Message);
        Assert.Equal("DAY_CLOSE_FORBIDDEN", (await AsAsync(Cashier, u => u.Days.CloseAsync(today, false))).Error!.Code);

        var shift = (await AsAsync(Cashier, u => u.Shifts.CurrentAsync())).Value;
        Assert.Equal([waiting.TradeNo.Value], shift.Totals.InDoubt.Select(p => p.TradeNo));
        Assert.True((await AsAsync(Cashier, u => u.Shifts.HandOverAsync(shift.Shift.Id, new CashCount(shift.Totals.ExpectedCash), null))).IsSuccess);
        Assert.Equal("DAY_IN_DOUBT", (await AsAsync(MobileHarness.Manager, u => u.Days.CloseAsync(today, false))).Error!.Code);

        // Two terminals close the day at once: one 日结, the other told it is done.
        var both = await Task.WhenAll(AsAsync(MobileHarness.Manager, u => u.Days.CloseAsync(today, true)),
            AsAsync(MobileHarness.Manager, u => u.Days.CloseAsync(today, true)));
        var report = Assert.Single(both, r => r.IsSuccess).Value;
        Assert.Equal("DAY_ALREADY_CLOSED", Assert.Single(both, r => !r.IsSuccess).Error!.Code);
        Assert.Equal("DAY_ALREADY_CLOSED", (await AsAsync(MobileHarness.Manager, u => u.Days.CloseAsync(today, true))).Error!.Code);

        Assert.Equal(2, report.Sales.Total.Count);
        Assert.Equal(cash.Total + mobile.Total, report.Sales.Total.Net);
        Assert.Equal([waiting.TradeNo.Value], report.InDoubt.Select(p => p.TradeNo));
        Assert.Equal([("T0001-01 现金", cash.Total), ("T0001-01 支付宝", mobile.Total)], report.Sales.ByTerminalAndMethod.Select(f => (f.Name, f.Net)));
        Assert.Contains(report.Notes, n => n.Contains("挂单未取"));
        Assert.Contains(report.Notes, n => n.Contains("9002"));
        Assert.Contains(report.Notes, n => n.Contains("无业务，随日结关闭"));
        Assert.Equal([Money.Zero, Money.Zero], report.Shifts.Select(s => s.Difference ?? Money.FromYuan(-1m)));
        await using (var db = h.Database.NewContext())
        {
            Assert.Empty(await db.ParkedSales.ToListAsync());
            Assert.Empty(await db.Shifts.Where(s => s.Status == ShiftStatus.Open).ToListAsync());
            Assert.Equal(1, await db.Audit.CountAsync(a => a.Action == AuditActions.DayClosed));
        }
        var closedCsv = await CsvAsync(today);

        // The closed day takes no more payments, by cash or by phone; nothing is written or charged.
        Assert.Equal("DAY_CLOSED", (await ShiftTests.TryPayCashAsync(h, Cashier, "50", "YP00004")).Error!.Code);
        var (checkout, refused) = h.Checkout(h.ShiftContextFor(Cashier));
        await using (refused)
            Assert.Equal("DAY_CLOSED", Assert.IsType<Mobile.ScanResult.Refused>(await checkout.ScanAsync(await h.SaleAsync("YP00001"), h.Code("unbound", Wallet.Alipay), null)).Error.Code);
        await using (var db = h.Database.NewContext()) Assert.Equal(3, await db.Orders.CountAsync());

        // The next day: the cash order is refunded and recovery learns the waiting payment was paid.
        h.Clock.Advance(TimeSpan.FromDays(1));
        await using (var db = h.ShiftContextFor(MobileHarness.Manager))
            Assert.True((await h.Refunds(db).Item1.RefundAsync(cash.Id)).IsSuccess);
        await h.Recovery.RunOnceAsync();
        Assert.True((await ShiftTests.TryPayCashAsync(h, Cashier, "50", "YP00004")).IsSuccess);

        Assert.Equal(closedCsv, await CsvAsync(today));
        var tomorrow = (await AsAsync(MobileHarness.Manager, u => u.Days.ViewAsync(today.AddDays(1)))).Report;
        Assert.False(tomorrow.IsClosed);
        var byMethod = tomorrow.Sales.ByMethod.ToDictionary(m => m.Name);
        Assert.Equal((1, cash.Total), (byMethod["现金"].RefundCount, byMethod["现金"].Refunds));
        Assert.Equal((1, waiting.Total), (byMethod["支付宝"].Count, byMethod["支付宝"].Gross));
        Assert.Equal(1, byMethod["现金"].Count);
    }

    private async Task<byte[]> CsvAsync(DateOnly day) =>
        ReportFile.Write((await AsAsync(MobileHarness.Manager, u => u.Days.ViewAsync(day))).Report.Table(), ExportFormat.Csv);
}
