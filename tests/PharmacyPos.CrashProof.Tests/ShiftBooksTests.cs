using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Shifts;

namespace PharmacyPos.CrashProof.Tests;

/// <summary>The harness's shift check finds what it is there to find.</summary>
public class ShiftBooksTests
{
    private static ShiftOrder O(string no, long? shift, string cashier = "manager", OrderStatus status = OrderStatus.Paid) =>
        new(no, status, PaymentMethod.Alipay, 1000, shift, cashier, "T0001-01");

    private static readonly ShiftRow Open1 = new(1, "manager", "T0001-01", ShiftStatus.Open);

    [Fact]
    public void Paid_orders_and_refunds_in_their_cashiers_one_shift_add_up()
    {
        var check = ShiftBooks.Check([O("A", 1), O("B", 1, status: OrderStatus.Refunded), O("C", null, status: OrderStatus.Failed)],
            [new("B", true, PaymentMethod.Alipay, 1000, 1)], [Open1]);
        Assert.Equal((0, 2), (check.Mismatches, check.OrdersChecked));
    }

    [Fact]
    public void A_paid_order_without_a_shift_in_anothers_shift_a_refund_outside_and_two_open_shifts_are_found()
    {
        var check = ShiftBooks.Check([O("A", null), O("B", 2), O("C", 1)],
            [new("C", true, PaymentMethod.Alipay, 1000, null)],
            [Open1, new(2, "cashier", "T0001-01", ShiftStatus.HandedOver), new(3, "manager", "T0001-01", ShiftStatus.Open)]);
        Assert.Contains(check.Findings, f => f.StartsWith("A: paid, in no shift"));
        Assert.Contains(check.Findings, f => f.StartsWith("B: in shift 2 of cashier"));
        Assert.Contains(check.Findings, f => f.StartsWith("C: refunded, in no shift"));
        Assert.Contains(check.Findings, f => f.Contains("2 open shifts"));
        Assert.Contains(check.Findings, f => f.Contains("payments add up to 2000 fen, the orders' to 3000"));
    }
}
