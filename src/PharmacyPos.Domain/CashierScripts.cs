namespace PharmacyPos.Domain;

/// <summary>话术: the cashier's lines from the operating guide, word for word.</summary>
public static class CashierScripts
{
    /// <summary>录入前询问.</summary>
    public const string AskBeforeEntry = "请问您是用手机支付还是其他方式？";

    /// <summary>The answer to "还可以用手机支付吗？".</summary>
    public const string CanPayByPhone = "可以的，绑定电子社保卡后以后就可以手机刷社保卡。";

    /// <summary>When the customer says "用手机".</summary>
    public const string PhoneAlreadyBound = "您的手机已经绑定了社保卡对吧，马上为您办理。";

    /// <summary>话术 A: the customer has no bound card; explain and guide the binding.</summary>
    public const string ScriptA = "可以边进行电子社保卡支付介绍，边可以引导用户进行绑卡。";

    /// <summary>话术 B: after a social-security-card or cash checkout.</summary>
    public const string ScriptB = "您可以考虑用手机支付宝/微信绑定电子社保卡，以后在本店手机刷社保卡支付，很方便的。";
}
