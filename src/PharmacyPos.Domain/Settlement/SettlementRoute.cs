using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Domain.Sales;

namespace PharmacyPos.Domain.Settlement;

/// <summary>Who the insurance platform says stands behind a scanned code.</summary>
public abstract record PlatformAnswer
{
    private PlatformAnswer() { }

    public sealed record Bound(string PsnNo, string InsuredName, Money AccountBalance) : PlatformAnswer;

    /// <summary>The code belongs to a phone with no bound electronic card.</summary>
    public sealed record NotBound : PlatformAnswer;
}

/// <summary>Why the money goes where it goes, in the words the cashier sees and the order keeps.</summary>
public enum RouteReason
{
    /// <summary>注意事项 1: bound, and the personal account covers the total.</summary>
    InsuranceAccountCovers,
    /// <summary>注意事项 2: a 未对码 or 全自费 line bars the insurance account.</summary>
    SaleHasIneligibleDrugs,
    /// <summary>The code's phone has no bound electronic social-security card.</summary>
    NotBound,
    /// <summary>注意事项 1: the account is short, so the wallet pays the full amount (no split).</summary>
    AccountBalanceShort,
}

/// <summary>The settlement route for one scan: which channel takes the whole amount, and why.</summary>
public sealed record SettlementRoute(PaymentMethod Method, RouteReason Reason, string Explanation, PlatformAnswer.Bound? Insured)
{
    public bool IsInsurance => Method == PaymentMethod.InsuranceAccount;

    /// <summary>话术 A when the customer turns out to have no bound card.</summary>
    public bool CallsForScriptA => Reason == RouteReason.NotBound;

    /// <summary>注意事项 2, decided before the platform is even asked.</summary>
    public static SettlementRoute? WithoutAskingPlatform(Sale sale, PaymentCode code)
    {
        if (sale.IsInsuranceEligible) return null;
        var names = BarringNames(sale);
        return new SettlementRoute(WalletOf(code), RouteReason.SaleHasIneligibleDrugs,
            $"含{names}，不能使用医保个人账户，由{WalletOf(code).ToChinese()}全额支付。", null);
    }

    /// <summary>
    /// Said on the mobile screen before 扫码结算: a sale with a 未对码 or 全自费 drug can only be paid
    /// by 支付宝/微信, so the cashier does not ask for the insurance code for nothing. Null when any code may pay.
    /// </summary>
    public static string? BeforeTheScan(Sale sale) => sale.IsInsuranceEligible || sale.IsEmpty ? null
        : $"本单含{BarringNames(sale)}，不能使用医保个人账户，只能用支付宝或微信付款码全额支付。";

    private static string BarringNames(Sale sale) =>
        string.Join("、", sale.LinesBarringInsurance.Select(l => $"{l.Drug.Name}（{l.Drug.InsuranceLabel}）"));

    /// <summary>注意事项 1: the personal account pays everything, or the wallet pays everything.</summary>
    public static SettlementRoute Decide(Sale sale, PaymentCode code, PlatformAnswer answer)
    {
        if (WithoutAskingPlatform(sale, code) is { } barred) return barred;
        var wallet = WalletOf(code);
        return answer switch
        {
            PlatformAnswer.Bound b when b.AccountBalance >= sale.Total => new SettlementRoute(PaymentMethod.InsuranceAccount,
                RouteReason.InsuranceAccountCovers, $"已绑定电子社保卡（{b.InsuredName}），由医保个人账户支付 {sale.Total}。", b),
            PlatformAnswer.Bound b => new SettlementRoute(wallet, RouteReason.AccountBalanceShort,
                $"医保个人账户余额 {b.AccountBalance} 不足 {sale.Total}，由{wallet.ToChinese()}全额支付。", b),
            _ => new SettlementRoute(wallet, RouteReason.NotBound, $"该付款码未绑定电子社保卡，由{wallet.ToChinese()}全额支付。", null),
        };
    }

    /// <summary>
    /// The physical card (话术 B, the original way): the personal account pays all or nothing;
    /// there is no wallet to fall back to, so a short balance or a barred drug is an error.
    /// </summary>
    public static Errors.Result<SettlementRoute> ForCard(Sale sale, PlatformAnswer.Bound insured)
    {
        if (!sale.IsInsuranceEligible)
        {
            var names = string.Join("、", sale.LinesBarringInsurance.Select(l => $"{l.Drug.Name}（{l.Drug.InsuranceLabel}）"));
            return new Errors.PosError("CARD_DRUG_BARRED", $"含{names}，不能刷社保卡支付，请删除该药品或改用其他方式。");
        }
        if (insured.AccountBalance < sale.Total)
            return new Errors.PosError("CARD_BALANCE_SHORT", $"医保个人账户余额 {insured.AccountBalance} 不足 {sale.Total}，请改用其他方式支付。");
        return new SettlementRoute(PaymentMethod.SocialSecurityCard, RouteReason.InsuranceAccountCovers,
            $"实体社保卡（{insured.InsuredName}），由医保个人账户支付 {sale.Total}。", insured);
    }

    public static PaymentMethod WalletOf(PaymentCode code) => code.Wallet == Wallet.Alipay ? PaymentMethod.Alipay : PaymentMethod.WeChatPay;
}
