using CsCheck;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Shifts;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Domain.Tests;

public class ShiftTests
{
    private static readonly Actor Cashier = new("cashier", "张收银", StaffRole.Cashier);
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, BeijingTime.Offset);

    private static readonly Gen<Money> Amount = Gen.Long[1, 500_000].Select(f => new Money(f));
    private static readonly Gen<OrderStatus> Status = Gen.Int[0, 5].Select(i =>
        new[] { OrderStatus.Paid, OrderStatus.Paid, OrderStatus.Refunded, OrderStatus.Refunding, OrderStatus.Failed, OrderStatus.Pending }[i]);

    /// <summary>A payment as a till makes it: cash takes a tender of at least the total and gives the change back.</summary>
    private static readonly Gen<ShiftPayment> Payment =
        Gen.Select(Gen.Enum<PaymentMethod>(), Amount, Status, Gen.Long[0, 10_000], (method, total, status, over) =>
            method == PaymentMethod.Cash
                ? new ShiftPayment("T", method, total, status, total + new Money(over), new Money(over))
                : new ShiftPayment("T", method, total, status, null, null));

    private static readonly Gen<ShiftRefund> RefundGen = Gen.Select(Gen.Enum<PaymentMethod>(), Amount, (m, a) => new ShiftRefund(m, a));
    private static readonly Gen<Money> Movement = Gen.Long[-100_000, 100_000].Select(f => new Money(f));

    [Fact]
    public void Expected_cash_is_the_float_plus_the_cash_orders_totals_minus_cash_refunds_plus_movements_for_any_shift()
    {
        Gen.Select(Amount, Payment.List[0, 40], RefundGen.List[0, 10], Movement.List[0, 5], (f, p, r, m) => (f, p, r, m)).Sample((@float, payments, refunds, movements) =>
        {
            var totals = ShiftTotals.Of(@float, payments, refunds, movements);
            // Tender − change is each cash order's own total: the drawer holds what was sold, whatever was handed over.
            var cashSold = payments.Where(p => p.Method == PaymentMethod.Cash && ShiftTotals.Counts(p.Status)).Sum(p => p.Total.Fen);
            var cashBack = refunds.Where(r => r.Method == PaymentMethod.Cash).Sum(r => r.Amount.Fen);
            return totals.ExpectedCash.Fen == @float.Fen + cashSold - cashBack + movements.Sum(m => m.Fen);
        });
    }

    [Fact]
    public void Each_methods_totals_are_the_sum_of_its_paid_orders_and_refunds_and_in_doubt_payments_count_in_none()
    {
        Gen.Select(Payment.List[0, 40], RefundGen.List[0, 10], (p, r) => (p, r)).Sample((payments, refunds) =>
        {
            var totals = ShiftTotals.Of(Money.Zero, payments, refunds, []);
            var methodsAgree = Enum.GetValues<PaymentMethod>().All(m =>
            {
                var line = totals.For(m);
                var sold = payments.Where(p => p.Method == m && p.Status is OrderStatus.Paid or OrderStatus.Refunding or OrderStatus.Refunded).ToList();
                var back = refunds.Where(r => r.Method == m).ToList();
                return line.PaymentCount == sold.Count && line.Payments.Fen == sold.Sum(p => p.Total.Fen)
                    && line.RefundCount == back.Count && line.Refunds.Fen == back.Sum(r => r.Amount.Fen);
            });
            return methodsAgree
                && totals.Payments.Fen + totals.InDoubt.Sum(p => p.Total.Fen)
                   == payments.Where(p => p.Status != OrderStatus.Failed).Sum(p => p.Total.Fen)
                && totals.InDoubt.Count == payments.Count(p => p.Status == OrderStatus.Pending);
        });
    }

    [Fact]
    public void A_sheet_lists_cash_first_then_alipay_wechat_the_insurance_account_and_the_card()
    {
        var totals = ShiftTotals.Of(Money.Zero, [], [], []);
        Assert.Equal([PaymentMethod.Cash, PaymentMethod.Alipay, PaymentMethod.WeChatPay, PaymentMethod.InsuranceAccount, PaymentMethod.SocialSecurityCard],
            totals.ByMethod.Select(m => m.Method));
    }

    [Fact]
    public void Handing_over_keeps_the_count_the_expected_cash_and_a_short_difference()
    {
        var shift = Shift.Open(1, "T0001-01", Cashier, Now);
        Assert.Null(shift.DeclareFloat(Money.FromYuan(200m)));
        var totals = ShiftTotals.Of(shift.Float!.Value,
            [new ShiftPayment("T1", PaymentMethod.Cash, Money.FromYuan(35.5m), OrderStatus.Paid, Money.FromYuan(50m), Money.FromYuan(14.5m))], [], []);

        Assert.Null(shift.HandOver(new CashCount(Money.FromYuan(230m)), totals, "cashier", null, Now.AddHours(8)));

        Assert.Equal(ShiftStatus.HandedOver, shift.Status);
        Assert.Equal(Money.FromYuan(235.5m), shift.Expected);
        Assert.Equal(Money.FromYuan(-5.5m), shift.Difference);
        Assert.Equal("短款 ¥5.50", Shift.DescribeDifference(shift.Difference!.Value));
        Assert.Equal("SHIFT_ALREADY_HANDED_OVER", shift.HandOver(new CashCount(Money.Zero), totals, "cashier", null, Now)!.Code);
    }

    [Fact]
    public void The_float_is_declared_once_never_negative_and_never_after_handover()
    {
        var shift = Shift.Open(1, "T0001-01", Cashier, Now);
        Assert.Equal("FLOAT_INVALID", shift.DeclareFloat(Money.FromYuan(-1m))!.Code);
        Assert.Null(shift.DeclareFloat(Money.Zero));
        Assert.Equal("FLOAT_ALREADY_DECLARED", shift.DeclareFloat(Money.FromYuan(100m))!.Code);
        var handedOver = Shift.Open(1, "T0001-01", Cashier, Now);
        handedOver.HandOver(new CashCount(Money.Zero), ShiftTotals.Of(Money.Zero, [], [], []), "cashier", null, Now);
        Assert.Equal("SHIFT_NOT_OPEN", handedOver.DeclareFloat(Money.Zero)!.Code);
    }

    [Theory]
    [InlineData(new[] { 2, 1, 0, 3, 0, 4, 1, 5 }, 28_500)] // 2×100 + 50 + 3×10 + 4×1 + 0.5 + 5×0.1
    [InlineData(new int[0], 0)]
    public void A_count_by_denomination_adds_up_the_pieces(int[] pieces, long fen)
    {
        var count = CashCount.FromPieces(pieces);
        Assert.True(count.IsSuccess);
        Assert.Equal(new Money(fen), count.Value.Total);
    }

    [Theory]
    [InlineData(new[] { -1 }, "CASH_COUNT_NEGATIVE")]
    [InlineData(new[] { 100_001 }, "CASH_COUNT_ABSURD")]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 0, 1 }, "CASH_COUNT_INVALID")]
    public void A_negative_absurd_or_misshapen_count_is_refused(int[] pieces, string code) =>
        Assert.Equal(code, CashCount.FromPieces(pieces).Error!.Code);

    [Fact]
    public void A_total_count_is_refused_when_negative_or_above_a_million_yuan()
    {
        Assert.Equal("CASH_COUNT_NEGATIVE", CashCount.FromTotal(new Money(-1)).Error!.Code);
        Assert.Equal("CASH_COUNT_ABSURD", CashCount.FromTotal(CashCount.Most + new Money(1)).Error!.Code);
        Assert.True(CashCount.FromTotal(CashCount.Most).IsSuccess);
    }

    [Theory]
    [InlineData(CashMovementKind.ToSafe, 0, "入保险柜", "CASH_MOVEMENT_AMOUNT_INVALID")]
    [InlineData(CashMovementKind.ToSafe, 100, "   \u200b ", "CASH_MOVEMENT_REASON_INVALID")]
    [InlineData(CashMovementKind.ToSafe, 100, "入保险柜\u0007", "CASH_MOVEMENT_REASON_INVALID")]
    [InlineData((CashMovementKind)9, 100, "入保险柜", "CASH_MOVEMENT_KIND_INVALID")]
    public void A_cash_movement_needs_a_kind_a_positive_amount_and_a_readable_reason(CashMovementKind kind, long fen, string reason, string code)
    {
        var shift = Shift.Open(1, "T0001-01", Cashier, Now);
        Assert.Equal(code, CashMovement.Record(shift, kind, new Money(fen), reason, "cashier", null, Now).Error!.Code);
    }

    [Fact]
    public void Cash_to_the_safe_lowers_the_drawer_and_a_top_up_raises_it()
    {
        var shift = Shift.Open(1, "T0001-01", Cashier, Now);
        var out1 = CashMovement.Record(shift, CashMovementKind.ToSafe, Money.FromYuan(300m), "存入保险柜", "cashier", null, Now).Value;
        var in1 = CashMovement.Record(shift, CashMovementKind.FloatTopUp, Money.FromYuan(50m), "零钱不够", "cashier", null, Now).Value;
        var totals = ShiftTotals.Of(Money.FromYuan(500m), [], [], [out1.Signed, in1.Signed]);
        Assert.Equal(Money.FromYuan(250m), totals.ExpectedCash);
    }

    [Fact]
    public void Cash_beyond_the_threshold_needs_a_manager_other_than_the_one_asking()
    {
        var manager = new Actor("boss", "李店长", StaffRole.Manager);
        Assert.False(CashApproval.IsRequired(Money.FromYuan(500m), Cashier, Money.FromYuan(500m)));
        Assert.True(CashApproval.IsRequired(Money.FromYuan(500.01m), Cashier, Money.FromYuan(500m)));
        Assert.False(CashApproval.IsRequired(Money.FromYuan(5000m), manager, Money.FromYuan(500m)));
        Assert.Equal("CASH_APPROVER_NOT_MANAGER", CashApproval.CheckApprover(new Actor("c2", "王", StaffRole.Cashier), Cashier)!.Code);
        Assert.Equal("CASH_SELF_APPROVAL", CashApproval.CheckApprover(manager, manager)!.Code);
        Assert.Null(CashApproval.CheckApprover(manager, Cashier));
    }

    [Fact]
    public void A_day_closes_only_when_past_or_today_not_closed_every_shift_handed_over_and_doubt_resolved_or_carried()
    {
        var day = new DateOnly(2026, 11, 30);
        Assert.Equal("DAY_IN_FUTURE", DayClose.Refusal(day.AddDays(1), day, false, [], 0, false)!.Code);
        Assert.Equal("DAY_ALREADY_CLOSED", DayClose.Refusal(day, day, true, [], 0, false)!.Code);
        var open = DayClose.Refusal(day, day, false, ["张收银（T0001-01）"], 0, false)!;
        Assert.Equal("DAY_SHIFTS_OPEN", open.Code);
        Assert.Contains("张收银（T0001-01）", open.Message);
        Assert.Equal("DAY_IN_DOUBT", DayClose.Refusal(day, day, false, [], 2, false)!.Code);
        Assert.Null(DayClose.Refusal(day, day, false, [], 2, true));
        Assert.Null(DayClose.Refusal(day.AddDays(-3), day, false, [], 0, false));
    }
}
