using PharmacyPos.Domain.Catalogue;
using PharmacyPos.Domain.Receipts;
using PharmacyPos.Domain.Regulated;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Stock;

namespace PharmacyPos.Domain.Tests;

/// <summary>拆零: a drug sold by its split unit at its split price, its stock kept in split units, its record and label.</summary>
public sealed class SplitSaleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 16, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static BatchStock Holding(Drug drug, long id, string lot, int units, int expiresIn = 300)
    {
        var batch = StockBatch.Receive(1, drug.Code, lot, new DateOnly(2025, 1, 1), Today.AddDays(expiresIn), null, null, Now.AddDays(-100)).Value;
        typeof(StockBatch).GetProperty(nameof(StockBatch.Id))!.SetValue(batch, id);
        return new BatchStock(batch, units);
    }

    [Fact]
    public void A_split_line_is_priced_and_counted_in_its_split_unit_and_a_box_line_of_the_same_drug_in_capsules()
    {
        var drug = Drugs.Splittable();
        var sale = new Sale();
        var split = sale.Add(drug, 6, split: true).Value;
        var box = sale.Add(drug, 1).Value;
        Assert.Equal(2, sale.Lines.Count);
        Assert.Equal(("粒", 6, Money.FromYuan(5.40m), 6), (split.Unit, split.Quantity, split.Amount, split.StockUnits));
        Assert.Equal(("盒", 20), (box.Unit, box.StockUnits));
        Assert.Equal(Money.FromYuan(23.00m), sale.Total);
        Assert.Equal("NOT_SPLITTABLE", sale.Add(Drugs.Mapped(), 1, split: true).Error!.Code);
    }

    [Fact]
    public void A_batch_of_45_capsules_gives_two_whole_boxes_or_45_capsules_less_what_the_sale_holds()
    {
        var drug = Drugs.Splittable();
        var stock = new[] { Holding(drug, 1, "C1", 45) };
        var sale = new Sale();
        Assert.Equal("OUT_OF_STOCK", StockAtSale.Place(drug, 3, stock, sale, null, Today, 90, true).Error!.Code);
        var boxes = StockAtSale.Place(drug, 2, stock, sale, null, Today, 90, true).Value;
        Assert.Equal(2, boxes.Parts.Single().Quantity);
        sale.Add(drug, 2, boxes.Parts[0].Batch);

        var refused = StockAtSale.Place(drug, 6, stock, sale, null, Today, 90, true, split: true);
        Assert.Contains("可售 5 粒", refused.Error!.Message);
        Assert.True(StockAtSale.Place(drug, 5, stock, sale, null, Today, 90, true, split: true).IsSuccess);
    }

    [Fact]
    public void Another_till_selling_the_capsules_meanwhile_stops_the_payment_in_capsules()
    {
        var drug = Drugs.Splittable();
        var sale = new Sale();
        sale.Add(drug, 1, new LineBatch(1, "C1", Today.AddDays(300), false));
        sale.Add(drug, 3, new LineBatch(1, "C1", Today.AddDays(300), false), split: true);
        Assert.Null(StockAtSale.Gone(sale, new Dictionary<long, int> { [1] = 23 }));
        Assert.Contains("可售只剩 22 粒", StockAtSale.Gone(sale, new Dictionary<long, int> { [1] = 22 })!.Message);
    }

    [Fact]
    public void Ephedrine_split_units_count_as_parts_of_a_package_so_two_boxes_and_one_capsule_are_over_the_limit()
    {
        var drug = Drugs.Splittable("MHCF", ephedrine: true);
        var sale = new Sale();
        sale.Add(drug, 2);
        Assert.Equal("EPHEDRINE_LIMIT", RegulatedSale.LimitOnEntry(sale, drug, 1, 2, split: true)!.Code);
        var one = new Sale();
        one.Add(drug, 1);
        one.Add(drug, 20, split: true);
        Assert.Equal(2m, RegulatedSale.EphedrinePackages(one));
        Assert.Equal("EPHEDRINE_LIMIT", RegulatedSale.LimitOnEntry(one, drug, 1, 2, split: true)!.Code);
        Assert.Null(RegulatedSale.LimitOnEntry(new Sale(), drug, 39, 2, split: true));
    }

    [Fact]
    public void Each_split_line_leaves_a_split_record_with_its_batch_and_expiry()
    {
        var drug = Drugs.Splittable();
        var sale = new Sale();
        sale.Add(drug, 6, new LineBatch(4, "C2026", new DateOnly(2027, 6, 30), false), split: true);
        sale.Add(drug, 1, new LineBatch(4, "C2026", new DateOnly(2027, 6, 30), false));
        var records = RegulatedSale.Records(sale, Orders.TradeNo.New(Now, 1, 1, new Random(2)), 1, Now);
        var row = Assert.Single(records.Split);
        Assert.Equal(("C2026", new DateOnly(2027, 6, 30), 6, "粒"), (row.LotNo, row.ExpiresOn, row.Quantity, row.Unit));
        Assert.Null(records.Prescription);
        Assert.Empty(records.Ephedrine);
    }

    [Fact]
    public void The_receipt_prints_a_split_label_with_name_specification_quantity_batch_expiry_and_store()
    {
        var copy = new ReceiptCopy(new ReceiptHeading("演示大药房", "", "", ""), "202611300030000101000001", "2026-11-30 08:30:00", "T0001-01", null,
            [
                new ReceiptLine("布洛芬缓释胶囊", "0.3g*20粒", "某制药", "C2026", new DateOnly(2027, 6, 30), 6, "粒", Money.FromYuan(0.90m), Money.FromYuan(5.40m), IsSplit: true),
                new ReceiptLine("阿莫西林胶囊", "0.25g*24粒", "某制药", "A1", new DateOnly(2027, 1, 1), 1, "盒", Money.FromYuan(13.10m), Money.FromYuan(13.10m)),
            ],
            Money.FromYuan(18.50m), [("现金 实收", "¥20.00")], null, 1, OpensDrawer: true);
        var text = string.Join("\n", ReceiptText.Layout(copy, 32).Rows.Select(r => r.Text));
        var label = text[text.IndexOf("拆零药品标签", StringComparison.Ordinal)..];
        Assert.Contains("品名：布洛芬缓释胶囊", label);
        Assert.Contains("规格：0.3g*20粒", label);
        Assert.Contains("数量：6粒", label);
        Assert.Contains("批号：C2026", label);
        Assert.Contains("有效期至：2027-06-30", label);
        Assert.Contains("药店：演示大药房", label);
        Assert.DoesNotContain("阿莫西林", label);
        Assert.Single(copy.SplitLabels);
    }
}
