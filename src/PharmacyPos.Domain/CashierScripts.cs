namespace PharmacyPos.Domain;

/// <summary>Whether a script is a sentence for the customer or an instruction for the cashier.</summary>
public enum ScriptKind
{
    /// <summary>Said to the customer, word for word.</summary>
    Say,
    /// <summary>What the cashier does (the guide's A is an instruction, not a sentence).</summary>
    Do,
}

/// <param name="Moment">When it applies, in the guide's words (e.g. 顾客问“还可以用手机支付吗？”).</param>
public sealed record CashierScript(string Moment, string Text, ScriptKind Kind);

/// <summary>话术: the cashier's lines from the operating guide, word for word, each with its moment.</summary>
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

    public static readonly CashierScript Ask = new("录入前询问", AskBeforeEntry, ScriptKind.Say);

    public static readonly CashierScript IfAskedCanPayByPhone = new("顾客问“还可以用手机支付吗？”", CanPayByPhone, ScriptKind.Say);

    /// <summary>The customer answered the question with "用手机"; "没有绑定" sends the cashier to A.</summary>
    public static readonly CashierScript IfAnsweredByPhone = new("顾客说“用手机”", PhoneAlreadyBound, ScriptKind.Say);

    public static readonly CashierScript IfNotBound = new("顾客说没有绑定", "按 A：介绍电子社保卡支付，引导顾客绑卡。", ScriptKind.Do);

    public static readonly CashierScript A = new("A · 未绑定电子社保卡", ScriptA, ScriptKind.Do);

    public static readonly CashierScript B = new("B · 结账后向顾客介绍", ScriptB, ScriptKind.Say);
}
