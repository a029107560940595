namespace PharmacyPos.Domain.Errors;

/// <summary>What the cashier sees when a mobile payment does not go through.</summary>
public static class PaymentErrors
{
    /// <summary>注意事项 4: a garbled scan usually means other software intercepted the scanner.</summary>
    public static readonly PosError CodeIncomplete = new("CODE_INCOMPLETE",
        "付款码不完整或被其他软件截留，未扣款。请退出可能占用扫码枪的其他软件，然后重新扫码。");

    /// <summary>Enter with nothing scanned: a prompt, not a fault.</summary>
    public static readonly PosError NothingScanned = new("NOTHING_SCANNED", "请用扫码枪扫描顾客的付款码。");

    public static readonly PosError CodeOfNoWallet = new("CODE_OF_NO_WALLET",
        "该码不是支付宝或微信的付款码，未扣款。请顾客打开支付宝首页付款码或微信电子社保卡支付码后重新扫码。");

    public static readonly PosError BalanceNotEnough = new("BALANCE_NOT_ENOUGH", "顾客账户余额不足，未扣款。请顾客更换付款方式或充值后重新扫码。");
    public static readonly PosError CodeInvalid = new("CODE_INVALID", "付款码无效或已使用，未扣款。请顾客刷新付款码后重新扫码。");
    public static readonly PosError CodeExpired = new("CODE_EXPIRED", "付款码已过期，未扣款。请顾客刷新付款码后重新扫码。");
    public static readonly PosError BuyerCancelled = new("BUYER_CANCELLED", "顾客已在手机上取消支付，未扣款。");
    public static readonly PosError NotConfirmedInTime = new("NOT_CONFIRMED_IN_TIME", "顾客未在60秒内确认支付，本次支付已撤销，未扣款。如需结算请重新扫码。");

    /// <summary>Nothing came back from the channel before the 60 s were up: the customer is not to blame.</summary>
    public static readonly PosError ChannelNoAnswer = new("CHANNEL_NO_ANSWER",
        "支付渠道无响应，本次支付已撤销，未扣款。请稍后重新扫码，或改用现金、社保卡支付。");
    public static readonly PosError TradeClosed = new("TRADE_CLOSED", "该笔交易已关闭，未扣款。请重新扫码。");
    public static readonly PosError NotBound = new("NOT_BOUND", "该付款码未绑定电子社保卡，未扣款。");
    public static readonly PosError CardBalanceNotEnough = new("BALANCE_NOT_ENOUGH", "医保个人账户余额不足，未扣款。请顾客改用其他方式支付。");
    public static readonly PosError CardRefused = new("CARD_REFUSED", "社保卡无效、已挂失或未开通个人账户支付，未扣款。请核对卡片后重新刷卡，或改用其他方式支付。");
    public static readonly PosError CardTradeClosed = new("TRADE_CLOSED", "该笔交易已关闭，未扣款。如需结算请重新刷卡。");
    public static readonly PosError SettlementReversed = new("SETTLEMENT_REVERSED",
        "医保平台未应答，本笔结算已冲正，未扣款。请重新扫码或刷卡。");
    public static readonly PosError ChannelRejected = new("CHANNEL_REJECTED", "支付渠道拒绝了该笔交易，未扣款。");
    public static readonly PosError OutcomeUnknown = new("OUTCOME_UNKNOWN", "支付渠道暂时无法连接，正在核实交易结果，请勿重复收款。");
}
