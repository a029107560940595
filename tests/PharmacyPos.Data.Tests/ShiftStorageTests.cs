using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PharmacyPos.Data.Catalogue;
using PharmacyPos.Data.Shifts;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shifts;
using PharmacyPos.Domain.Staff;
using PharmacyPos.TestSupport;

namespace PharmacyPos.Data.Tests;

/// <summary>
/// 班次 on the real database (both providers): one open shift per cashier and till whoever asks
/// at once, every order saved by a member of staff carries it, and a handed-over shift makes room
/// for the next.
/// </summary>
public sealed class ShiftStorageTests : IAsyncLifetime
{
    private static readonly Actor Cashier = new("cashier", "收银员乙", StaffRole.Cashier);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero));
    private TestDatabase _db = default!;
    private ServiceProvider _services = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await using var db = _db.NewContext();
        await new CatalogueImport(db).ImportAsync(CatalogueFile.Read(DemoCatalogue.Open(), "demo.csv"));
        _services = Services();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }

    /// <summary>One POS process: its own memory of open shifts over the shared database.</summary>
    private ServiceProvider Services() => new ServiceCollection()
        .AddSingleton<TimeProvider>(_clock)
        .AddDbContext<PosDbContext>(o => o.UsePosDatabase(_db.Options))
        .AddSingleton<OpenShifts>()
        .BuildServiceProvider();

    [Fact]
    public async Task Two_sign_ins_at_once_in_two_processes_share_one_open_shift()
    {
        await using var other = Services();
        var shifts = await Task.WhenAll(
            _services.GetRequiredService<OpenShifts>().OpenOrContinueAsync(1, "T0001-01", Cashier),
            other.GetRequiredService<OpenShifts>().OpenOrContinueAsync(1, "T0001-01", Cashier));
        Assert.Equal(shifts[0].Id, shifts[1].Id);
        await using var db = _db.NewContext();
        Assert.Equal(1, await db.Shifts.CountAsync(s => s.Cashier == "cashier" && s.Status == ShiftStatus.Open));
    }

    [Fact]
    public async Task An_order_saved_by_staff_carries_their_shift_and_after_handover_the_next_opens_a_new_one()
    {
        var open = _services.GetRequiredService<OpenShifts>();
        long first;
        await using (var db = _db.NewContextFor(Cashier, _clock, shifts: open))
        {
            var order = await CashOrderAsync(db, "202611300900000101000001");
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            first = order.ShiftId!.Value;
        }
        await using (var db = _db.NewContext())
        {
            var shift = await db.Shifts.SingleAsync(s => s.Id == first);
            Assert.Equal(("cashier", "T0001-01", ShiftStatus.Open), (shift.Cashier, shift.TerminalId, shift.Status));
            shift.HandOver(new CashCount(Money.Zero), ShiftTotals.Of(Money.Zero, [], [], []), "cashier", null, _clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        open.Forget(1, "T0001-01", "cashier");
        await using (var db = _db.NewContextFor(Cashier, _clock, shifts: open))
        {
            var order = await CashOrderAsync(db, "202611300900000101000002");
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            Assert.NotEqual(first, order.ShiftId);
        }
        await using (var db = _db.NewContext())
        {
            // The handed-over shift keeps its figures as they were: JSON in, the same record out.
            var shift = await db.Shifts.SingleAsync(s => s.Id == first);
            Assert.Equal(Money.Zero, shift.Closing!.ExpectedCash);
            Assert.Equal(ShiftTotals.SheetOrder, shift.Closing.ByMethod.Select(m => m.Method));
        }
    }

    [Fact]
    public async Task The_database_takes_one_day_close_per_store_and_day()
    {
        var day = new DateOnly(2026, 11, 30);
        await using (var db = _db.NewContext())
        {
            db.DayCloses.Add(DayClose.Close(1, day, "{}", "manager", _clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }
        await using (var db = _db.NewContext())
        {
            db.DayCloses.Add(DayClose.Close(1, day, "{}", "manager", _clock.GetUtcNow()));
            var e = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.True(StorageFailures.Is(e, StorageFailure.UniqueViolation));
        }
    }

    private async Task<Order> CashOrderAsync(PosDbContext db, string tradeNo)
    {
        var sale = new Sale();
        sale.Add(await db.Drugs.SingleAsync(d => d.Code == "YP00001"));
        return Order.PaidInCash(TradeNo.Parse(tradeNo), 1, "T0001-01", _clock.GetUtcNow(), sale, CashTender.From(sale.Total, "100").Value);
    }
}
