namespace PharmacyPos.Domain.Errors;

/// <summary>
/// Every error a cashier can see, defined once: the code travels in logs and API responses,
/// the message is what the screen says.
/// </summary>
public static class PosErrors
{
    public static PosError DrugNotFound(string entry) =>
        new("DRUG_NOT_FOUND", $"未找到药品“{entry}”，请核对条码、编码或拼音码后重新录入。", ErrorKind.NotFound);

    /// <summary>The one refusal for a permission the member of staff lacks; <paramref name="onlyWho"/> says who may.</summary>
    public static PosError Forbidden(string? onlyWho = null) =>
        new("FORBIDDEN", onlyWho is null ? "当前账号无权进行此操作。" : $"只有{onlyWho}。", ErrorKind.Forbidden);

    public static PosError OrderNotFound(string tradeNo) =>
        new("ORDER_NOT_FOUND", $"未找到交易号为“{tradeNo}”的订单。", ErrorKind.NotFound);

    public static readonly PosError EntryEmpty =
        new("ENTRY_EMPTY", "请先扫描条码或输入药品编码、拼音码。");

    public static readonly PosError QuantityNotANumber =
        new("QUANTITY_NOT_A_NUMBER", "数量必须是整数。");

    public static PosError QuantityOutOfRange(int min, int max) =>
        new("QUANTITY_OUT_OF_RANGE", $"数量必须在 {min} 到 {max} 之间。");

    public static readonly PosError NoLineSelected =
        new("NO_LINE_SELECTED", "请先用上下方向键选中要操作的药品明细。");

    public static readonly PosError SaleEmpty =
        new("SALE_EMPTY", "尚未录入药品，无法结算。");

    public static readonly PosError CashAmountInvalid =
        new("CASH_AMOUNT_INVALID", "实收金额格式不正确，请输入如 100 或 58.50 的金额。");

    public static PosError CashBelowTotal(Money total, Money received) =>
        new("CASH_BELOW_TOTAL", $"实收金额 {received} 少于应收金额 {total}，请重新输入。");

    public static readonly PosError RefundNotAllowed = new("REFUND_NOT_ALLOWED", "该订单已退款、正在退款或未支付成功，不能再次回退。", ErrorKind.Conflict);

    /// <summary>Why this order cannot be rolled back, named by its state.</summary>
    public static PosError RefundNotAllowedFor(Orders.OrderStatus status) => new("REFUND_NOT_ALLOWED", status switch
    {
        Orders.OrderStatus.Refunded => "该订单已退款，不能再次回退。",
        Orders.OrderStatus.Refunding => "该订单正在退款处理中，请用“核实退款结果”查看，不要重复回退。",
        _ => "该订单未支付成功（未扣款），无需回退。",
    }, ErrorKind.Conflict);
    public static readonly PosError RefundQueryEmpty = new("REFUND_QUERY_EMPTY", "没有找到符合条件的订单。");
    public static readonly PosError QueryTimeOutOfRange =
        new("QUERY_TIME_OUT_OF_RANGE", $"开始时间和结束时间须在 {BeijingTime.FirstYear} 年到 {BeijingTime.LastYear} 年之间，请检查年份。");
    public static readonly PosError EndBeforeStart = new("END_BEFORE_START", "结束时间不能早于开始时间。");
    public static PosError TradeNoMalformed(string? text = null) => new("TRADE_NO_MALFORMED",
        $"交易号格式不正确：{(string.IsNullOrEmpty(text) ? "" : $"“{text}”")}应为 {Orders.TradeNo.Length} 位数字。");
    public static readonly PosError SocialSecurityNoMalformed = new("SSN_MALFORMED", "社保编码格式不正确：应为 6 到 30 位字母或数字。");

    public static readonly PosError PriceInvalid =
        new("PRICE_INVALID", $"零售价应为大于 0、不超过 {Catalogue.Drug.MaxRetailPrice} 的金额，最多两位小数，例如 12.50。");

    public static PosError PriceOutOfRange(string drugName) =>
        new("PRICE_OUT_OF_RANGE", $"“{drugName}”的零售价超出允许范围（最高 {Catalogue.Drug.MaxRetailPrice}），请店长在药品目录中改价后再售。");

    public static readonly PosError SaleTotalTooLarge =
        new("SALE_TOTAL_TOO_LARGE", $"本单合计不能超过 {Sales.Sale.MaxTotal}，请减少数量或分单结算。");
}
