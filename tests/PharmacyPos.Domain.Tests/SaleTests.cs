using PharmacyPos.Domain;
using PharmacyPos.Domain.Sales;

namespace PharmacyPos.Domain.Tests;

public class SaleTests
{
    [Fact]
    public void Scanning_the_same_drug_twice_raises_the_quantity_of_one_line()
    {
        var sale = new Sale();
        var drug = Drugs.Mapped();
        sale.Add(drug);
        sale.Add(drug);
        var line = Assert.Single(sale.Lines);
        Assert.Equal(2, line.Quantity);
        Assert.Equal(Money.FromYuan(25m), sale.Total);
        Assert.Equal(2, sale.ItemCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1000)]
    public void Quantity_outside_1_to_999_is_refused_and_the_line_keeps_its_quantity(int quantity)
    {
        var sale = new Sale();
        sale.Add(Drugs.Mapped(), 3);
        var result = sale.ChangeQuantity(0, quantity);
        Assert.False(result.IsSuccess);
        Assert.Equal("QUANTITY_OUT_OF_RANGE", result.Error!.Code);
        Assert.Equal(3, sale.Lines[0].Quantity);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("")]
    public void A_quantity_that_is_not_a_whole_number_is_refused_in_chinese(string text)
    {
        var result = Quantity.Parse(text);
        Assert.False(result.IsSuccess);
        Assert.Equal("数量必须是整数。", result.Error!.Message);
    }

    [Fact]
    public void Adding_beyond_999_of_one_drug_is_refused()
    {
        var sale = new Sale();
        sale.Add(Drugs.Mapped(), 999);
        Assert.False(sale.Add(Drugs.Mapped()).IsSuccess);
        Assert.Equal(999, sale.Lines[0].Quantity);
    }

    [Fact]
    public void Removing_the_selected_line_leaves_the_others()
    {
        var sale = new Sale();
        sale.Add(Drugs.Mapped("A"));
        sale.Add(Drugs.Unmapped("B"));
        sale.Add(Drugs.SelfPaid("C"));
        var removed = sale.Remove(1);
        Assert.Equal("B", removed.Value.Drug.Code);
        Assert.Equal(["A", "C"], sale.Lines.Select(l => l.Drug.Code));
    }

    [Fact]
    public void Removing_with_no_line_selected_is_an_error_not_a_crash()
    {
        var sale = new Sale();
        Assert.Equal("NO_LINE_SELECTED", sale.Remove(-1).Error!.Code);
        Assert.Equal("NO_LINE_SELECTED", sale.Remove(0).Error!.Code);
    }

    [Fact]
    public void A_sale_of_mapped_drugs_only_may_use_the_insurance_account()
    {
        var sale = new Sale();
        sale.Add(Drugs.Mapped("A"));
        sale.Add(Drugs.Mapped("B"));
        Assert.True(sale.IsInsuranceEligible);
    }

    [Fact]
    public void One_unmapped_drug_bars_the_insurance_account_for_the_whole_sale()
    {
        var sale = new Sale();
        sale.Add(Drugs.Mapped("A"));
        sale.Add(Drugs.Unmapped("B"));
        Assert.False(sale.IsInsuranceEligible);
        Assert.Equal("B", Assert.Single(sale.LinesBarringInsurance).Drug.Code);
    }

    [Fact]
    public void One_wholly_self_paid_drug_bars_the_insurance_account_for_the_whole_sale()
    {
        var sale = new Sale();
        sale.Add(Drugs.Mapped("A"));
        sale.Add(Drugs.SelfPaid("C"));
        Assert.False(sale.IsInsuranceEligible);
        Assert.Equal("全自费", Assert.Single(sale.LinesBarringInsurance).Drug.InsuranceLabel);
    }

    [Fact]
    public void An_empty_sale_is_not_insurance_eligible() => Assert.False(new Sale().IsInsuranceEligible);

    [Fact]
    public void A_line_keeps_the_price_it_was_entered_at()
    {
        var drug = Drugs.Mapped(price: 10m);
        var sale = new Sale();
        sale.Add(drug);
        drug.ChangePrice(Money.FromYuan(20m));
        Assert.Equal(Money.FromYuan(10m), sale.Total);
    }

    [Fact]
    public void A_sale_never_overflows_it_refuses_a_drug_priced_beyond_the_catalogues_bound_and_a_total_beyond_the_sales()
    {
        var sale = new Sale();
        var absurd = Drugs.Mapped("YPX", 99_999_999_999_999m);
        Assert.Equal("PRICE_OUT_OF_RANGE", sale.Add(absurd, 999).Error?.Code);
        Assert.True(sale.IsEmpty);

        var dear = Drugs.Mapped("YPD", 100_000m);
        Assert.True(sale.Add(dear, 10).IsSuccess);
        Assert.Equal("SALE_TOTAL_TOO_LARGE", sale.Add(dear, 1).Error?.Code);
        Assert.Equal("SALE_TOTAL_TOO_LARGE", sale.ChangeQuantity(0, 999).Error?.Code);
        Assert.Equal(Sale.MaxTotal, sale.Total);
        Assert.Contains("请减少数量或分单结算", PharmacyPos.Domain.Errors.PosErrors.SaleTotalTooLarge.Message);
    }
}
