using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Reconciliation;

namespace PharmacyPos.Domain.Tests;

public sealed class ReconcilerTests
{
    private static readonly Money Ten = Money.FromYuan(10m);
    private static BillLine Pay(string t, decimal yuan = 10m) => new(t, null, BillLineKind.Payment, Money.FromYuan(yuan));
    private static BillLine Reversal(string t) => new(t, null, BillLineKind.Refund, Ten);
    private static BillLine Refund(string t, decimal yuan = 10m) => new(t, t + "R1", BillLineKind.Refund, Money.FromYuan(yuan));
    private static PosTrade Pos(string t, OrderStatus s, bool refunded = false) => new(t, s, Ten, refunded ? t + "R1" : null, refunded);

    private static IReadOnlyList<Difference> Compare(PosTrade[] pos, BillLine[] bill) => Reconciler.Compare(PaymentMethod.Alipay, pos, bill);

    [Fact]
    public void Matching_books_have_no_difference_including_a_charged_then_reversed_failure_and_a_completed_refund() =>
        Assert.Empty(Compare(
            [Pos("A", OrderStatus.Paid), Pos("B", OrderStatus.Failed), Pos("C", OrderStatus.Refunded, refunded: true), Pos("D", OrderStatus.Failed)],
            [Pay("A"), Pay("B"), Reversal("B"), Pay("C"), Refund("C")]));

    [Fact]
    public void A_charge_the_pos_counts_as_failed_or_does_not_know_is_charged_not_paid()
    {
        var d = Compare([Pos("A", OrderStatus.Failed)], [Pay("A"), Pay("X", 3m)]);
        Assert.Equal([(DifferenceKind.ChargedNotPaid, "A"), (DifferenceKind.ChargedNotPaid, "X")], d.Select(x => (x.Kind, x.TradeNo)));
        Assert.Equal(Money.FromYuan(3m), d[1].ChannelAmount);
    }

    [Fact]
    public void A_paid_order_without_a_charge_is_paid_not_charged() =>
        Assert.Equal(DifferenceKind.PaidNotCharged, Assert.Single(Compare([Pos("A", OrderStatus.Paid)], [])).Kind);

    [Fact]
    public void A_charge_of_another_amount_is_an_amount_mismatch()
    {
        var d = Assert.Single(Compare([Pos("A", OrderStatus.Paid)], [Pay("A", 9.99m)]));
        Assert.Equal((DifferenceKind.AmountMismatch, Ten, Money.FromYuan(9.99m)), (d.Kind, d.PosAmount, d.ChannelAmount!.Value));
    }

    [Fact]
    public void A_refund_on_one_side_only_or_applied_twice_is_a_refund_mismatch()
    {
        Assert.Equal(DifferenceKind.RefundMismatch, Assert.Single(Compare([Pos("A", OrderStatus.Refunded, refunded: true)], [Pay("A")])).Kind);
        Assert.Equal(DifferenceKind.RefundMismatch, Assert.Single(Compare([Pos("A", OrderStatus.Paid)], [Pay("A"), Refund("A")])).Kind);
        Assert.Equal(DifferenceKind.RefundMismatch, Assert.Single(Compare([Pos("A", OrderStatus.Refunded, refunded: true)], [Pay("A"), Refund("A"), Refund("A")])).Kind);
    }
}
