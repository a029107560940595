using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Stock;
using PharmacyPos.Sandbox.Model;
using RefundStatus = PharmacyPos.Domain.Refunds.RefundStatus;

namespace PharmacyPos.CrashProof.Tests;

/// <summary>The harness's own arithmetic: each broken book shows in its own counter.</summary>
public sealed class BooksTests
{
    private static LedgerEntry E(string t, Movement m, long fen = 100, string? refundNo = null) =>
        new(0, DateTimeOffset.UnixEpoch, Channel.Alipay, m, t, refundNo, "c", fen);

    private static PosOrder O(string t, OrderStatus s) => new(t, s, 100, PaymentMethod.Alipay);

    [Fact]
    public void Consistent_books_count_nothing() =>
        Assert.True(Books.Check(
            [O("A", OrderStatus.Paid), O("B", OrderStatus.Failed), O("C", OrderStatus.Refunded), O("D", OrderStatus.Failed)],
            [new PosRefund("C", RefundStatus.Refunded)],
            [E("A", Movement.Charge), E("B", Movement.Charge), E("B", Movement.Reversal), E("C", Movement.Charge), E("C", Movement.Refund, refundNo: "CR1")]).AllZero);

    [Fact]
    public void Each_kind_of_broken_book_is_counted()
    {
        var check = Books.Check(
            [O("F", OrderStatus.Failed), O("P", OrderStatus.Paid), O("D", OrderStatus.Paid), O("R", OrderStatus.Refunded), O("S", OrderStatus.Pending)],
            [new PosRefund("R", RefundStatus.Refunded)],
            [E("F", Movement.Charge), E("X", Movement.Charge), E("D", Movement.Charge), E("D", Movement.Charge),
             E("R", Movement.Charge), E("R", Movement.Refund), E("R", Movement.Refund)]);

        Assert.Equal(2, check.ChargesWithoutPaidOrder); // F failed but charged; X unknown to the POS
        Assert.Equal(1, check.PaidOrdersWithoutCharge); // P
        Assert.Equal(1, check.DoubleCharges); // D
        Assert.Equal(1, check.RefundsAppliedTwice); // R
        Assert.Equal(1, check.StuckOrders); // S
        Assert.False(check.AllZero);
    }

    [Fact]
    public void Stock_books_expect_a_sale_per_paid_line_a_return_per_refunded_line_and_nothing_else()
    {
        var orders = new[] { O("A", OrderStatus.Paid), O("B", OrderStatus.Failed), O("C", OrderStatus.Refunded) };
        SoldLine[] lines = [new("A", 1, 2), new("B", 1, 1), new("C", 2, 3)];
        Assert.Equal(0, StockBooks.Check(orders, lines,
            [new("A", 1, MovementKind.Sold, -2), new("C", 2, MovementKind.Sold, -3), new("C", 2, MovementKind.Returned, 3)]).Mismatches);

        var broken = StockBooks.Check(orders, lines,
            [new("A", 1, MovementKind.Sold, -2), new("A", 1, MovementKind.Sold, -2), // sold twice
             new("B", 1, MovementKind.Sold, -1), // a failed payment took stock
             new("C", 2, MovementKind.Sold, -3), // refunded, never returned
             new("Z", 1, MovementKind.Sold, -1)]); // no such order
        Assert.Equal(4, broken.Mismatches);
        Assert.Equal(1, StockBooks.Check([], [], [], [new(1, 5, 5), new(2, 4, 3)]).Mismatches); // the page and the ledger disagree on batch 2
    }
}
