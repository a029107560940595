using PharmacyPos.Domain;
using PharmacyPos.Domain.Sales;

namespace PharmacyPos.Domain.Tests;

public class CashTenderTests
{
    [Fact]
    public void Change_is_received_minus_total_to_the_fen()
    {
        var tender = CashTender.From(Money.FromYuan(37.8m), "50");
        Assert.Equal(Money.FromYuan(12.2m), tender.Value.Change);
    }

    [Fact]
    public void Exact_cash_gives_no_change() =>
        Assert.Equal(Money.Zero, CashTender.From(Money.FromYuan(37.8m), "37.80").Value.Change);

    [Fact]
    public void Cash_below_the_total_is_refused_with_both_amounts()
    {
        var result = CashTender.From(Money.FromYuan(37.8m), "37.79");
        Assert.Equal("CASH_BELOW_TOTAL", result.Error!.Code);
        Assert.Contains("¥37.79", result.Error.Message);
        Assert.Contains("¥37.80", result.Error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("五十")]
    [InlineData("-50")]
    [InlineData("50.001")]
    public void Unreadable_cash_is_refused(string text) =>
        Assert.Equal("CASH_AMOUNT_INVALID", CashTender.From(Money.FromYuan(1m), text).Error!.Code);
}
