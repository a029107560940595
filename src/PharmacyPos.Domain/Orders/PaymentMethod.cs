namespace PharmacyPos.Domain.Orders;

/// <summary>How an order was (or is being) paid: the route the money took.</summary>
public enum PaymentMethod
{
    Cash = 1,
    /// <summary>实体社保卡: the physical social-security card in the reader.</summary>
    SocialSecurityCard = 2,
    /// <summary>手机支付 settled from the medical-insurance personal account.</summary>
    InsuranceAccount = 3,
    Alipay = 4,
    WeChatPay = 5,
}

public static class PaymentMethodNames
{
    public static string ToChinese(this PaymentMethod method) => method switch
    {
        PaymentMethod.Cash => "现金",
        PaymentMethod.SocialSecurityCard => "社保卡",
        PaymentMethod.InsuranceAccount => "医保个人账户",
        PaymentMethod.Alipay => "支付宝",
        PaymentMethod.WeChatPay => "微信",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };
}
