using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PharmacyPos.Data.Catalogue;
using PharmacyPos.Data.Stock;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Domain.Stock;
using PharmacyPos.TestSupport;

namespace PharmacyPos.Data.Tests;

/// <summary>
/// The stock ledger on the real database (both providers): an order's movements are written by
/// the save that marks it paid or refunded and only by it, 盘点 is one adjustment, and the GSP
/// 销售记录 reads the lot off the sold line.
/// </summary>
public sealed class StockLedgerTests : IAsyncLifetime
{
    private static readonly Actor Manager = new("manager", "店长甲", StaffRole.Manager);
    private static readonly Actor Cashier = new("cashier", "收银员乙", StaffRole.Cashier);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 16, 30, 0, TimeSpan.Zero)); // 2026-11-30 00:30 in Beijing
    private static readonly DateOnly Today = new(2026, 11, 30);
    private TestDatabase _db = default!;
    private StockBatch _batch = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await using var db = _db.NewContext();
        await new CatalogueImport(db).ImportAsync(CatalogueFile.Read(DemoCatalogue.Open(), "demo.csv"));
        _batch = StockBatch.Receive(1, "YP00001", "A2601", Today.AddDays(-30), Today.AddDays(500), null, null, _clock.GetUtcNow()).Value;
        db.StockMovements.Add(StockMovement.Receive(_batch, 10, _clock.GetUtcNow(), "manager"));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<Order> CashOrderAsync(PosDbContext db, string tradeNo, int quantity)
    {
        var sale = new Sale();
        sale.Add(await db.Drugs.SingleAsync(d => d.Code == "YP00001"), quantity, LineBatch.Of(_batch, Today, 90));
        return Order.PaidInCash(TradeNo.Parse(tradeNo), 1, "T0001-01", _clock.GetUtcNow(), sale, CashTender.From(sale.Total, "1000").Value);
    }

    private async Task<List<(MovementKind, int, string?)>> MovementsAsync()
    {
        await using var db = _db.NewContext();
        return [.. (await db.StockMovements.Where(m => m.BatchId == _batch.Id).OrderBy(m => m.Id).ToListAsync()).Select(m => (m.Kind, m.Quantity, m.TradeNo))];
    }

    [Fact]
    public async Task A_paid_order_takes_its_boxes_in_its_own_save_and_its_refund_puts_them_back()
    {
        const string tradeNo = "202611300030000101000001";
        await using (var db = _db.NewContextFor(Cashier, _clock))
        {
            db.Orders.Add(await CashOrderAsync(db, tradeNo, 3));
            await db.SaveChangesAsync();
        }
        await using (var db = _db.NewContextFor(Manager, _clock))
        {
            var order = await db.Orders.SingleAsync(o => o.TradeNo == TradeNo.Parse(tradeNo));
            order.StartRefund(_clock.GetUtcNow());
            await db.SaveChangesAsync();
            Assert.Equal([(MovementKind.Received, 10, null), (MovementKind.Sold, -3, tradeNo)], await MovementsAsync()); // 退款中 moves nothing yet
            order.CompleteRefund(_clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        Assert.Equal([(MovementKind.Received, 10, null), (MovementKind.Sold, -3, tradeNo), (MovementKind.Returned, 3, tradeNo)], await MovementsAsync());
    }

    [Fact]
    public async Task A_save_that_fails_writes_neither_the_order_nor_its_stock_movement()
    {
        const string tradeNo = "202611300030000101000002";
        await using (var db = _db.NewContextFor(Cashier, _clock))
        {
            db.Orders.Add(await CashOrderAsync(db, tradeNo, 1));
            await db.SaveChangesAsync();
        }
        await using (var db = _db.NewContextFor(Cashier, _clock))
        {
            // The same 交易号 again: the unique index refuses the order, and its movement goes with it.
            db.Orders.Add(await CashOrderAsync(db, tradeNo, 2));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        Assert.Equal([(MovementKind.Received, 10, null), (MovementKind.Sold, -1, tradeNo)], await MovementsAsync());
    }

    [Fact]
    public async Task A_count_books_the_difference_once_only_a_manager_counts_and_the_audit_log_says_what_changed()
    {
        await using (var db = _db.NewContextFor(Cashier, _clock))
            Assert.Equal("FORBIDDEN", (await new StockCount(db, _clock).CountAsync(1, _batch.Id, 7)).Error!.Code);
        await using (var db = _db.NewContextFor(Manager, _clock))
        {
            Assert.Equal("COUNT_INVALID", (await new StockCount(db, _clock).CountAsync(1, _batch.Id, -1)).Error!.Code);
            Assert.Equal(-3, (await new StockCount(db, _clock).CountAsync(1, _batch.Id, 7)).Value);
        }
        await using (var db = _db.NewContextFor(Manager, _clock))
            Assert.Equal(0, (await new StockCount(db, _clock).CountAsync(1, _batch.Id, 7)).Value);
        Assert.Equal([(MovementKind.Received, 10, null), (MovementKind.Counted, -3, null)], await MovementsAsync());
        await using var read = _db.NewContext();
        Assert.Single(await read.Audit.Where(a => a.Action == Domain.Audit.AuditActions.StockCounted).Select(a => a.Detail).ToListAsync(),
            "YP00001 批号 A2601：账面 10，实盘 7（-3）");
    }

    [Fact]
    public async Task The_sales_record_lists_each_sold_line_with_its_maker_lot_and_expiry()
    {
        const string tradeNo = "202611300030000101000003";
        await using (var db = _db.NewContextFor(Cashier, _clock))
        {
            db.Orders.Add(await CashOrderAsync(db, tradeNo, 2));
            await db.SaveChangesAsync();
        }
        await using var read = _db.NewContextFor(Manager, _clock);
        var table = await new SalesRecord(read).ExportAsync(1, Today, Today);
        var row = Assert.Single(table.Rows);
        string? Cell(string column) => row[table.Header.ToList().IndexOf(column)] switch { Export.CsvExport.Id id => id.Value, var c => c?.ToString() };
        Assert.Equal((tradeNo, "YP00001", "A2601", Today.AddDays(500).ToString("yyyy-MM-dd"), "2"),
            (Cell("交易号"), Cell("药品编码"), Cell("批号"), Cell("有效期至"), Cell("数量")));
        Assert.Equal("以岭药业股份有限公司", Cell("生产厂家"));
        Assert.Empty((await new SalesRecord(read).TableAsync(1, Today.AddDays(1), Today.AddDays(1))).Rows);
        Assert.Single(await read.Audit.Where(a => a.Action == Domain.Audit.AuditActions.SalesRecordExported).ToListAsync());
    }

    [Fact]
    public async Task Each_batch_s_balance_stays_the_sum_of_its_movements_through_sales_refunds_counts_and_tills_saving_at_once()
    {
        // Eight tills pay for a box each at the same moment: every increment lands (none lost to a race).
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await using var db = _db.NewContextFor(Cashier, _clock);
            db.Orders.Add(await CashOrderAsync(db, $"20261130003000010100{i + 10:D4}", 1));
            await db.SaveChangesAsync();
        })));
        await using (var db = _db.NewContextFor(Manager, _clock))
        {
            var order = await db.Orders.SingleAsync(o => o.TradeNo == TradeNo.Parse("202611300030000101000010"));
            order.StartRefund(_clock.GetUtcNow());
            order.CompleteRefund(_clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        await using (var db = _db.NewContextFor(Manager, _clock)) Assert.True((await new StockCount(db, _clock).CountAsync(1, _batch.Id, 4)).IsSuccess);

        await using var read = _db.NewContext();
        var sum = await read.StockMovements.Where(m => m.BatchId == _batch.Id).SumAsync(m => m.Quantity);
        var shown = Assert.Single(await new StockQuery(read, _clock).ListAsync(1, "A2601", StockQuery.Filter.All, 90));
        Assert.Equal((4, 4), (sum, shown.OnHand));
    }

    [Fact]
    public async Task The_ledger_cannot_be_rewritten_or_erased_below_the_app()
    {
        await using var db = _db.NewContext();
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.StockMovements.ExecuteUpdateAsync(s => s.SetProperty(m => m.Quantity, 1000)));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.StockMovements.ExecuteDeleteAsync());
        Assert.Equal([(MovementKind.Received, 10, null)], await MovementsAsync());
    }
}
