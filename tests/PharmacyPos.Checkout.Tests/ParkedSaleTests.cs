using Microsoft.EntityFrameworkCore;
using PharmacyPos.Checkout.Sales;
using PharmacyPos.Data;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Stock;

namespace PharmacyPos.Checkout.Tests;

/// <summary>挂单/取单: a parked sale is in the database (a new context, as after a restart, finds it), comes back line by line with its lot, and never into a sale in progress.</summary>
public sealed class ParkedSaleTests(MobileHarness h) : IClassFixture<MobileHarness>
{
    private ParkedSales Parked(PosDbContext db) => new(db, h.Stock(db), Microsoft.Extensions.Options.Options.Create(new TerminalOptions()), h.Clock);

    [Fact]
    public async Task A_parked_sale_survives_a_new_context_and_comes_back_with_its_lots_and_quantities()
    {
        await h.ReceiveAsync("YP00020", "K1", 10, expiresInDays: 100);
        await h.ReceiveAsync("YP00020", "K2", 10);
        await h.ReceiveAsync("YP00021", "K3", 10);
        var sale = new Sale();
        await using (var db = h.ContextFor(MobileHarness.Cashier))
        {
            var drug = await db.Drugs.SingleAsync(d => d.Code == "YP00020");
            Assert.True((await h.Stock(db).EnterAsync(sale, drug, 2, "K2")).IsSuccess);
            Assert.True((await h.Stock(db).EnterAsync(sale, await db.Drugs.SingleAsync(d => d.Code == "YP00021"), 3)).IsSuccess);
            var parked = await Parked(db).ParkAsync(sale);
            Assert.Equal((5, sale.Total, "收银员乙"), (parked.Value.ItemCount, parked.Value.Total, parked.Value.Cashier));
        }

        var back = new Sale();
        await using (var db = h.ContextFor(MobileHarness.Cashier))
        {
            var listed = Assert.Single(await Parked(db).ListAsync());
            var recalled = await Parked(db).RecallAsync(listed.Id, back);
            Assert.Empty(recalled.Value.Notes);
        }
        Assert.Equal([("YP00020", "K2", 2), ("YP00021", "K3", 3)], back.Lines.Select(l => (l.Drug.Code, l.Batch!.LotNo, l.Quantity)));
        Assert.Equal(sale.Total, back.Total);
        await using (var db = h.Database.NewContext()) Assert.Empty(await db.ParkedSales.ToListAsync());
    }

    [Fact]
    public async Task Recall_refuses_a_sale_in_progress_and_a_lot_sold_out_meanwhile_comes_back_first_expiry_first()
    {
        await h.ReceiveAsync("YP00022", "Q1", 1);
        await h.ReceiveAsync("YP00022", "Q2", 5, expiresInDays: 600);
        var sale = new Sale();
        long id;
        await using (var db = h.ContextFor(MobileHarness.Cashier))
        {
            var drug = await db.Drugs.SingleAsync(d => d.Code == "YP00022");
            Assert.True((await h.Stock(db).EnterAsync(sale, drug, 1, "Q1")).IsSuccess);
            id = (await Parked(db).ParkAsync(sale)).Value.Id;
            // Meanwhile the lot's only box is sold at another till.
            var other = new Sale();
            Assert.True((await h.Stock(db).EnterAsync(other, drug, 1, "Q1")).IsSuccess);
            Assert.True((await h.Cash(db).PayAsync(other, "100")).IsSuccess);
        }
        await using (var db = h.ContextFor(MobileHarness.Cashier))
        {
            var busy = new Sale();
            busy.Add(await db.Drugs.SingleAsync(d => d.Code == "YP00001"));
            Assert.Equal("SALE_IN_PROGRESS", (await Parked(db).RecallAsync(id, busy)).Error!.Code);

            var back = new Sale();
            var recalled = await Parked(db).RecallAsync(id, back);
            Assert.Contains("原批号 Q1 已不可售", Assert.Single(recalled.Value.Notes));
            Assert.Equal("Q2", Assert.Single(back.Lines).Batch!.LotNo);
            Assert.Equal("PARKED_NOT_FOUND", (await Parked(db).RecallAsync(id, new Sale())).Error!.Code);
        }
    }
}
