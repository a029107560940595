using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Stock;

namespace PharmacyPos.Checkout.Tests;

/// <summary>拆零 on the real database: the stock of a drug sold split is kept in capsules, boxes and capsules leave it alike, a refund returns them, and each split line is recorded.</summary>
public sealed class SplitCheckoutTests(MobileHarness h) : IClassFixture<MobileHarness>
{
    private const string Ibuprofen = "YP00019"; // 布洛芬缓释胶囊 0.3g*20粒, 拆零 by the 粒 at ¥0.90

    private async Task<int> OnHandAsync(StockBatch batch)
    {
        await using var db = h.Database.NewContext();
        return await db.StockMovements.Where(m => m.BatchId == batch.Id).SumAsync(m => m.Quantity);
    }

    [Fact]
    public async Task Capsules_and_a_box_leave_the_batch_in_capsules_the_split_line_is_recorded_and_a_refund_brings_them_back()
    {
        var batch = await h.ReceiveAsync(Ibuprofen, "BLF-S1", 3, expiresInDays: 10); // the first to expire: FEFO takes it
        Assert.Equal(3, await OnHandAsync(batch)); // straight into the ledger: the receiving import converts boxes
        await using (var db = h.Database.NewContext())
        {
            // Received through the import, 3 boxes are 60 capsules.
            var rows = new[] { new PharmacyPos.Data.Import.ImportRow(2, new Dictionary<string, string>
            {
                ["编码"] = Ibuprofen, ["批号"] = "BLF-S1", ["生产日期"] = PharmacyPos.Domain.BeijingTime.Today(h.Clock).AddDays(-100).ToString("yyyy-MM-dd"),
                ["有效期至"] = PharmacyPos.Domain.BeijingTime.Today(h.Clock).AddDays(10).ToString("yyyy-MM-dd"), ["数量"] = "3",
            }) };
            var report = await new PharmacyPos.Data.Stock.ReceivingImport(db, h.Clock).ImportAsync(1, rows);
            Assert.Empty(report.Errors);
        }
        Assert.Equal(63, await OnHandAsync(batch));

        var sale = new Sale();
        Order order;
        await using (var db = h.ContextFor(MobileHarness.Cashier))
        {
            var drug = await db.Drugs.SingleAsync(d => d.Code == Ibuprofen);
            Assert.True((await h.Stock(db).EnterAsync(sale, drug, 6, split: true)).IsSuccess);
            Assert.True((await h.Stock(db).EnterAsync(sale, drug, 1)).IsSuccess);
            // 63 − 6 − 20 = 37 capsules: one more whole box, not two.
            Assert.Equal("OUT_OF_STOCK", (await h.Stock(db).EnterAsync(sale, drug, 2, "BLF-S1")).Error!.Code);
            Assert.Equal(PharmacyPos.Domain.Money.FromYuan(5.40m + 17.60m), sale.Total);
            order = (await h.Cash(db).PayAsync(sale, "50")).Value;
        }
        Assert.Equal(37, await OnHandAsync(batch));
        await using (var db = h.Database.NewContext())
        {
            var lines = await db.Orders.Where(o => o.Id == order.Id).SelectMany(o => o.Lines).OrderBy(l => l.LineNo).ToListAsync();
            Assert.Equal([("粒", true, 6), ("盒", false, 20)], lines.Select(l => (l.Unit, l.IsSplit, l.StockUnits)));
            var record = await db.SplitSales.SingleAsync(s => s.TradeNo == order.TradeNo);
            Assert.Equal(("BLF-S1", 6, "粒", batch.ExpiresOn), (record.LotNo, record.Quantity, record.Unit, record.ExpiresOn!.Value));
        }

        var (refunds, rdb) = h.Refunds();
        await using (rdb) Assert.True((await refunds.RefundAsync(order.Id)).IsSuccess);
        Assert.Equal(63, await OnHandAsync(batch));
    }

    [Fact]
    public async Task The_split_key_switches_a_line_between_box_and_capsule_and_a_drug_without_a_split_unit_stays_boxed()
    {
        await h.ReceiveAsync(Ibuprofen, "BLF-T1", 40);
        await h.ReceiveAsync("YP00202", "HX-T1", 5);
        await using var db = h.ContextFor(MobileHarness.Cashier);
        var sale = new Sale();
        var stock = h.Stock(db);
        Assert.True((await stock.EnterAsync(sale, await db.Drugs.SingleAsync(d => d.Code == "YP00202"), 1)).IsSuccess);
        Assert.True((await stock.EnterAsync(sale, await db.Drugs.SingleAsync(d => d.Code == Ibuprofen), 2)).IsSuccess);

        var switched = await stock.SwitchUnitAsync(sale, 1);
        Assert.True(switched.IsSuccess, switched.Error?.Message);
        Assert.Equal(("粒", true, 1, 1), (sale.Lines[1].Unit, sale.Lines[1].IsSplit, sale.Lines[1].Quantity, sale.Lines.Count - 1));
        Assert.True((await stock.SwitchUnitAsync(sale, 1)).IsSuccess);
        Assert.Equal(("盒", false), (sale.Lines[1].Unit, sale.Lines[1].IsSplit));
        Assert.Equal("NOT_SPLITTABLE", (await stock.SwitchUnitAsync(sale, 0)).Error!.Code);
        Assert.Equal(2, sale.Lines.Count);
    }
}
