using PharmacyPos.Domain.Orders;

namespace PharmacyPos.Domain.Tests;

public class TradeNoTests
{
    [Fact]
    public void Is_24_digits_of_beijing_time_store_terminal_and_a_random_tail()
    {
        var utc = new DateTimeOffset(2026, 11, 28, 16, 30, 5, TimeSpan.Zero); // 00:30:05 next day in Beijing
        var tradeNo = TradeNo.New(utc, storeNo: 12, terminalNo: 3, new Random(1));
        Assert.Equal(24, tradeNo.Value.Length);
        Assert.StartsWith("20261129003005" + "0012" + "03", tradeNo.Value);
        Assert.True(tradeNo.Value.All(char.IsAsciiDigit));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("12345")]
    [InlineData("2026112900300500120300x1")]
    [InlineData("' OR 1=1 --")]
    public void Malformed_text_is_not_a_trade_no(string text) => Assert.False(TradeNo.TryParse(text, out _));
}
