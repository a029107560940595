using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Domain.Registration;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Settlement;

namespace PharmacyPos.Domain.Tests;

public class SettlementRouteTests
{
    private static readonly PaymentCode AlipayCode = PaymentCode.Classify("281234567890123456").Value;
    private static readonly PaymentCode WeChatCode = PaymentCode.Classify("131234567890123456").Value;

    private static Sale SaleOf(params Catalogue.Drug[] drugs)
    {
        var sale = new Sale();
        foreach (var d in drugs) sale.Add(d);
        return sale;
    }

    private static PlatformAnswer.Bound Bound(decimal balance) => new("P1", "张三", Money.FromYuan(balance));

    [Fact]
    public void Before_the_scan_a_sale_with_an_unmapped_or_self_paid_drug_says_only_a_wallet_can_pay_and_names_the_lines()
    {
        Assert.Null(SettlementRoute.BeforeTheScan(SaleOf(Drugs.Mapped())));
        Assert.Null(SettlementRoute.BeforeTheScan(new Sale()));
        var said = SettlementRoute.BeforeTheScan(SaleOf(Drugs.Mapped(), Drugs.Unmapped(), Drugs.SelfPaid()))!;
        Assert.Contains("只能用支付宝或微信付款码全额支付", said);
        Assert.Equal(2, said.Split('、').Length);
    }

    [Fact]
    public void Bound_with_enough_balance_pays_from_the_insurance_account()
    {
        var route = SettlementRoute.Decide(SaleOf(Drugs.Mapped(price: 12.5m)), AlipayCode, Bound(12.5m));
        Assert.Equal((PaymentMethod.InsuranceAccount, RouteReason.InsuranceAccountCovers), (route.Method, route.Reason));
        Assert.Equal("张三", route.Insured!.InsuredName);
    }

    [Fact]
    public void Bound_with_one_fen_too_little_pays_the_full_amount_by_the_codes_wallet()
    {
        var route = SettlementRoute.Decide(SaleOf(Drugs.Mapped(price: 12.5m)), WeChatCode, Bound(12.49m));
        Assert.Equal((PaymentMethod.WeChatPay, RouteReason.AccountBalanceShort), (route.Method, route.Reason));
        Assert.Contains("全额支付", route.Explanation);
    }

    [Fact]
    public void Not_bound_pays_by_wallet_and_calls_for_script_A()
    {
        var route = SettlementRoute.Decide(SaleOf(Drugs.Mapped()), AlipayCode, new PlatformAnswer.NotBound());
        Assert.Equal(PaymentMethod.Alipay, route.Method);
        Assert.True(route.CallsForScriptA);
    }

    [Fact]
    public void Purchase_with_unmapped_drug_is_paid_by_alipay_in_full_whatever_the_account_holds()
    {
        var sale = SaleOf(Drugs.Mapped("A"), Drugs.Unmapped("B"));
        Assert.NotNull(SettlementRoute.WithoutAskingPlatform(sale, AlipayCode));
        var route = SettlementRoute.Decide(sale, AlipayCode, Bound(100000m));
        Assert.Equal((PaymentMethod.Alipay, RouteReason.SaleHasIneligibleDrugs), (route.Method, route.Reason));
        Assert.Contains("清凉油（未对码）", route.Explanation);
    }

    [Fact]
    public void Purchase_with_a_wholly_self_paid_drug_is_paid_by_wechat_in_full()
    {
        var route = SettlementRoute.Decide(SaleOf(Drugs.Mapped("A"), Drugs.SelfPaid("C")), WeChatCode, Bound(100000m));
        Assert.Equal(PaymentMethod.WeChatPay, route.Method);
        Assert.Contains("全自费", route.Explanation);
    }

    [Fact]
    public void An_eligible_sale_must_ask_the_platform() =>
        Assert.Null(SettlementRoute.WithoutAskingPlatform(SaleOf(Drugs.Mapped()), AlipayCode));

    [Theory]
    [InlineData(199.99, false)]
    [InlineData(200.00, true)]
    [InlineData(200.01, true)]
    public void Insurance_payments_from_the_threshold_up_are_registered(decimal total, bool registered) =>
        Assert.Equal(registered, RegistrationRule.Applies(PaymentMethod.InsuranceAccount, Money.FromYuan(total), Money.FromYuan(200m)));

    [Fact]
    public void A_physical_card_swipe_is_registered_by_the_same_rule() =>
        Assert.True(RegistrationRule.Applies(PaymentMethod.SocialSecurityCard, Money.FromYuan(200m), Money.FromYuan(200m)));

    [Theory]
    [InlineData(PaymentMethod.Alipay)]
    [InlineData(PaymentMethod.WeChatPay)]
    [InlineData(PaymentMethod.Cash)]
    public void Other_payments_are_not_registered(PaymentMethod method) =>
        Assert.False(RegistrationRule.Applies(method, Money.FromYuan(10000m), Money.FromYuan(200m)));

    [Fact]
    public void A_registration_form_names_every_bad_field()
    {
        var (registration, errors) = PurchaseRegistration.Fill(new("王", "123", "1380013800", "邻居"), "张三", "P1", PaymentMethod.InsuranceAccount, Money.FromYuan(300m));
        Assert.Null(registration);
        Assert.Equal(["Phone", "PurchaserId", "PurchaserName", "Relation"], errors.Keys.Order());
    }

    [Fact]
    public void Every_order_status_move_outside_the_machine_is_refused()
    {
        var all = Enum.GetValues<OrderStatus>();
        var legal = all.SelectMany(f => all.Select(t => (f, t))).Where(p => OrderStatusMachine.CanMove(p.f, p.t)).ToList();
        Assert.Equal(
            [(OrderStatus.Pending, OrderStatus.Paid), (OrderStatus.Pending, OrderStatus.Failed), (OrderStatus.Paid, OrderStatus.Refunding),
             (OrderStatus.Refunding, OrderStatus.Paid), (OrderStatus.Refunding, OrderStatus.Refunded)],
            legal);
    }
}
