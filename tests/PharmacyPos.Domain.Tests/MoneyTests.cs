using PharmacyPos.Domain;

namespace PharmacyPos.Domain.Tests;

public class MoneyTests
{
    [Theory]
    [InlineData("12.5", 1250)]
    [InlineData("12.50", 1250)]
    [InlineData("¥0.01", 1)]
    [InlineData("￥100", 10000)]
    [InlineData(" 7 ", 700)]
    public void Parses_what_a_cashier_types_into_whole_fen(string text, long fen)
    {
        Assert.True(Money.TryParse(text, out var money));
        Assert.Equal(fen, money.Fen);
    }

    [Theory]
    [InlineData("0.001")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1,000")]
    [InlineData("1e3")]
    public void Refuses_amounts_that_are_not_whole_fen_or_not_numbers(string text) =>
        Assert.False(Money.TryParse(text, out _));

    [Fact]
    public void Sums_of_many_small_amounts_do_not_drift()
    {
        var sum = Enumerable.Repeat(Money.FromYuan(0.1m), 1000).Aggregate(Money.Zero, (a, b) => a + b);
        Assert.Equal(Money.FromYuan(100m), sum);
        Assert.Equal("100.00", sum.ToYuanString());
    }

    [Fact]
    public void Shows_two_decimals_with_the_yuan_sign() => Assert.Equal("¥8.50", new Money(850).ToString());
}
