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

public class ReattachTests
{
    [Fact]
    public void A_trade_no_says_when_and_at_which_till_its_order_was_written()
    {
        var t = PharmacyPos.Domain.Orders.TradeNo.Parse("202611301015070012034567");
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 15, 7, PharmacyPos.Domain.BeijingTime.Offset), t.WrittenAt);
        Assert.Equal((12, 3), (t.StoreNo, t.TerminalNo));
    }

    [Fact]
    public void A_reattached_order_is_paid_from_the_channels_record_with_one_line_that_says_so_and_is_journalled()
    {
        var now = new DateTimeOffset(2026, 12, 1, 9, 0, 0, PharmacyPos.Domain.BeijingTime.Offset);
        var order = PharmacyPos.Domain.Orders.Order.Reattach(PharmacyPos.Domain.Orders.TradeNo.Parse("202611301015070001014567"), 1,
            PharmacyPos.Domain.Orders.PaymentMethod.Alipay, PharmacyPos.Domain.Money.FromYuan(32.5m), "2026113022001", now);
        Assert.Equal((PharmacyPos.Domain.Orders.OrderStatus.Paid, "T0001-01", now), (order.Status, order.TerminalId, order.PaidAt));
        var line = Assert.Single(order.Lines);
        Assert.Equal((PharmacyPos.Domain.Orders.Order.ReattachedLineCode, PharmacyPos.Domain.Money.FromYuan(32.5m)), (line.DrugCode, line.Amount));
        Assert.Equal(PharmacyPos.Domain.Journal.JournalEvents.OrderReattached, Assert.Single(order.UnsavedJournal).Event);
    }
}
