using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Stock;

namespace PharmacyPos.Domain.Tests;

/// <summary>The till's stock rules for one entry: FEFO over what the sale has not already taken, splits, a chosen batch, expired lots and missing stock.</summary>
public sealed class StockAtSaleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 16, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 30);
    private static readonly Catalogue.Drug Drug = Drugs.Mapped("YP00001");

    private static StockBatch Batch(long id, string lot, DateOnly expires)
    {
        var batch = StockBatch.Receive(1, Drug.Code, lot, new DateOnly(2024, 1, 1), expires, null, null, Now.AddDays(-900)).Value;
        typeof(StockBatch).GetProperty(nameof(StockBatch.Id))!.SetValue(batch, id); // as the database numbers it
        return batch;
    }

    private static readonly StockBatch Early = Batch(1, "L1", Today.AddDays(30));
    private static readonly StockBatch Late = Batch(2, "L2", Today.AddDays(400));
    private static StockBatch ExpiredLot => Batch(3, "OLD", Today.AddDays(-1));

    private static Result<Placement> Place(Sale sale, int quantity, IReadOnlyList<BatchStock> stock, long? chosen = null, bool refuse = true) =>
        StockAtSale.Place(Drug, quantity, stock, sale, chosen, Today, 90, refuse);

    private static void Enter(Sale sale, Placement placement)
    {
        foreach (var (batch, q) in placement.Parts) Assert.True(sale.Add(Drug, q, batch).IsSuccess);
    }

    [Fact]
    public void A_scan_takes_the_batch_that_expires_first_and_marks_it_near_expiry()
    {
        var placed = Place(new Sale(), 1, [new(Late, 10), new(Early, 10)]).Value;
        var (batch, quantity) = Assert.Single(placed.Parts);
        Assert.Equal(("L1", 1, true), (batch!.LotNo, quantity, batch.NearExpiry));
        Assert.Null(placed.Warning);
    }

    [Fact]
    public void Scanning_past_a_batch_counts_what_the_sale_already_holds_and_opens_a_line_for_the_next_batch()
    {
        var sale = new Sale();
        IReadOnlyList<BatchStock> stock = [new(Early, 2), new(Late, 10)];
        for (var i = 0; i < 3; i++) Enter(sale, Place(sale, 1, stock).Value);
        Assert.Equal([("L1", 2), ("L2", 1)], sale.Lines.Select(l => (l.Batch!.LotNo, l.Quantity)));
    }

    [Fact]
    public void A_quantity_larger_than_the_first_batch_splits_into_one_line_per_batch()
    {
        var sale = new Sale();
        Enter(sale, Place(sale, 5, [new(Early, 3), new(Late, 10)]).Value);
        Assert.Equal([("L1", 3), ("L2", 2)], sale.Lines.Select(l => (l.Batch!.LotNo, l.Quantity)));
        Assert.Equal(Drug.RetailPrice * 5, sale.Total);
    }

    [Fact]
    public void An_expired_batch_is_refused_whether_chosen_or_the_only_stock_left()
    {
        var expired = ExpiredLot;
        var chosen = Place(new Sale(), 1, [new(expired, 5), new(Late, 5)], chosen: expired.Id);
        Assert.Equal("BATCH_EXPIRED", chosen.Error!.Code);
        Assert.Contains("已于 2026-11-29 过期，不能销售", chosen.Error!.Message);

        var onlyExpired = Place(new Sale(), 1, [new(expired, 5)]);
        Assert.Equal("BATCH_EXPIRED", onlyExpired.Error!.Code);
        // Even a store that only warns about missing stock never sells an expired box: the line goes on no batch instead.
        var warned = Place(new Sale(), 1, [new(expired, 5)], refuse: false).Value;
        Assert.Null(Assert.Single(warned.Parts).Batch);
    }

    [Fact]
    public void Missing_stock_refuses_the_line_by_default_and_says_how_many_may_be_sold()
    {
        var refused = Place(new Sale(), 4, [new(Early, 1), new(Late, 2)]);
        Assert.Equal("OUT_OF_STOCK", refused.Error!.Code);
        Assert.Contains("可售 3 盒", refused.Error!.Message);
        Assert.Equal("OUT_OF_STOCK", Place(new Sale(), 1, []).Error!.Code);
    }

    [Fact]
    public void A_store_that_only_warns_takes_the_line_and_books_the_missing_boxes_on_the_batch_that_expires_last()
    {
        var placed = Place(new Sale(), 5, [new(Early, 1), new(Late, 2)], refuse: false).Value;
        Assert.Equal([("L1", 1), ("L2", 4)], placed.Parts.Select(p => (p.Batch!.LotNo, p.Quantity)));
        Assert.Contains("库存不足（可售 3 盒）", placed.Warning);
    }

    [Fact]
    public void A_chosen_batch_must_belong_to_the_drug_and_hold_the_boxes()
    {
        Assert.Equal("BATCH_NOT_FOUND", Place(new Sale(), 1, [new(Early, 5)], chosen: 99).Error!.Code);
        Assert.Equal("OUT_OF_STOCK", Place(new Sale(), 6, [new(Early, 5)], chosen: Early.Id).Error!.Code);
        Assert.Equal("L2", Assert.Single(Place(new Sale(), 2, [new(Early, 5), new(Late, 5)], chosen: Late.Id).Value.Parts).Batch!.LotNo);
    }

    [Fact]
    public void Moving_a_line_to_a_batch_already_on_the_sale_merges_the_two_lines()
    {
        var sale = new Sale();
        sale.Add(Drug, 2, LineBatch.Of(Early, Today, 90));
        sale.Add(Drug, 3, LineBatch.Of(Late, Today, 90));
        var moved = sale.MoveToBatch(0, LineBatch.Of(Late, Today, 90));
        Assert.Equal(5, moved.Value.Quantity);
        Assert.Equal([("L2", 5)], sale.Lines.Select(l => (l.Batch!.LotNo, l.Quantity)));
    }

    [Fact]
    public void At_payment_a_batch_that_no_longer_holds_the_sale_s_boxes_is_named()
    {
        var sale = new Sale();
        sale.Add(Drug, 2, LineBatch.Of(Early, Today, 90));
        Assert.Null(StockAtSale.Gone(sale, new Dictionary<long, int> { [Early.Id] = 2 }));
        var gone = StockAtSale.Gone(sale, new Dictionary<long, int> { [Early.Id] = 1 });
        Assert.Equal("STOCK_GONE", gone?.Code);
        Assert.Contains("批号 L1 可售只剩 1 盒", gone!.Message);
    }
}
