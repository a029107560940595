using PharmacyPos.Domain.Orders;

namespace PharmacyPos.Domain.Shifts;

/// <summary>A payment written in the shift, as its totals need it (cash: what was taken and what went back as change).</summary>
public sealed record ShiftPayment(string TradeNo, PaymentMethod Method, Money Total, OrderStatus Status, Money? CashReceived, Money? Change);

/// <summary>A refund the shift's cashier made that the money went back on.</summary>
public sealed record ShiftRefund(PaymentMethod Method, Money Amount);

/// <summary>One method's line on the 交班单: 笔数 and 金额 of payments and of refunds.</summary>
public sealed record MethodTotals(PaymentMethod Method, int PaymentCount, Money Payments, int RefundCount, Money Refunds)
{
    public Money Net => Payments - Refunds;
}

/// <summary>
/// What a shift took, per method, and the cash its drawer should hold:
/// 备用金 + cash taken − change given − cash refunded ± cash movements. A payment still waiting for
/// its channel (in doubt) is counted in no method: it is listed on its own until recovery settles it.
/// </summary>
public sealed record ShiftTotals(
    Money Float, IReadOnlyList<MethodTotals> ByMethod, IReadOnlyList<ShiftPayment> InDoubt,
    Money CashTaken, Money ChangeGiven, Money CashRefunded, Money CashMovements)
{
    /// <summary>The order the 交班单 lists the methods in: the drawer first, then the phones, then the cards.</summary>
    public static readonly IReadOnlyList<PaymentMethod> SheetOrder =
        [PaymentMethod.Cash, PaymentMethod.Alipay, PaymentMethod.WeChatPay, PaymentMethod.InsuranceAccount, PaymentMethod.SocialSecurityCard];

    public Money ExpectedCash => Float + CashTaken - ChangeGiven - CashRefunded + CashMovements;

    public Money Payments => Sum(ByMethod.Select(m => m.Payments));
    public Money Refunds => Sum(ByMethod.Select(m => m.Refunds));

    public MethodTotals For(PaymentMethod method) => ByMethod.Single(m => m.Method == method);

    /// <summary>A payment counts once it was paid, whatever happened to it afterwards: a later refund is the refund's line, not a smaller payment.</summary>
    public static bool Counts(OrderStatus status) => status is OrderStatus.Paid or OrderStatus.Refunding or OrderStatus.Refunded;

    public static ShiftTotals Of(Money @float, IEnumerable<ShiftPayment> payments, IEnumerable<ShiftRefund> refunds, IEnumerable<Money> movements)
    {
        var paid = payments.ToList();
        var sold = paid.Where(p => Counts(p.Status)).ToList();
        var back = refunds.ToList();
        var cash = sold.Where(p => p.Method == PaymentMethod.Cash).ToList();
        return new ShiftTotals(
            @float,
            [.. SheetOrder.Select(m => new MethodTotals(m,
                sold.Count(p => p.Method == m), Sum(sold.Where(p => p.Method == m).Select(p => p.Total)),
                back.Count(r => r.Method == m), Sum(back.Where(r => r.Method == m).Select(r => r.Amount))))],
            [.. paid.Where(p => p.Status == OrderStatus.Pending)],
            // An order paid in cash without a recorded tender (none exist; the API takes the exact total) took its total.
            Sum(cash.Select(p => p.CashReceived ?? p.Total)),
            Sum(cash.Select(p => p.Change ?? Money.Zero)),
            Sum(back.Where(r => r.Method == PaymentMethod.Cash).Select(r => r.Amount)),
            Sum(movements));
    }

    private static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Money.Zero, (a, b) => a + b);
}
