using PharmacyPos.Domain.Orders;

namespace PharmacyPos.Domain.Receipts;

/// <summary>The store as its receipts are headed: 药店名称, 地址, 电话 (设置) and 医保定点编号 (the platform's).</summary>
public sealed record ReceiptHeading(string Name, string Address, string Phone, string FixmedinsCode);

/// <summary>One line as the customer reads it: 药品, 规格, 生产厂家, 批号/有效期至, 数量 × 单价 = 金额.</summary>
public sealed record ReceiptLine(string Name, string Specification, string Manufacturer, string? LotNo, DateOnly? ExpiresOn,
    int Quantity, string Unit, Money UnitPrice, Money Amount, bool IsSplit = false);

/// <summary>
/// 拆零 label (GSP: 拆零销售应当使用洁净、卫生的包装, 包装上注明药品名称、规格、数量、用法、用量、批号、有效期以及药店名称):
/// printed with the receipt for each split line, to go on the bag the tablets leave in.
/// </summary>
public sealed record SplitLabel(string Name, string Specification, string Quantity, string? LotNo, DateOnly? ExpiresOn, string Store)
{
    /// <summary>The catalogue holds no dosage; the label tells the customer where it is written.</summary>
    public const string Usage = "遵医嘱或按药品说明书";
}

/// <summary>
/// A paid order's receipt, whatever prints it (the browser's page or the thermal printer): the
/// same facts in the same order, so the two cannot drift. <paramref name="PrintNo"/> counts the
/// prints of this order, this one included: from the second on the copy says 重打.
/// </summary>
public sealed record ReceiptCopy(ReceiptHeading Heading, string TradeNo, string Time, string Terminal, string? Cashier,
    IReadOnlyList<ReceiptLine> Lines, Money Total, IReadOnlyList<(string Label, string Amount)> Payment, string? Insured,
    int PrintNo, bool OpensDrawer)
{
    public bool IsReprint => PrintNo > 1;

    public IEnumerable<SplitLabel> SplitLabels => Lines.Where(l => l.IsSplit)
        .Select(l => new SplitLabel(l.Name, l.Specification, $"{l.Quantity}{l.Unit}", l.LotNo, l.ExpiresOn, Heading.Name));

    public static ReceiptCopy Of(Order order, ReceiptHeading heading, int printNo) => new(
        heading, order.TradeNo.Value, BeijingTime.Text(order.PaidAt ?? order.CreatedAt), order.TerminalId, order.CashierName,
        [.. order.Lines.OrderBy(l => l.LineNo).Select(l => new ReceiptLine(l.DrugName, l.Specification, l.Manufacturer, l.LotNo, l.ExpiresOn,
            l.Quantity, l.Unit, l.UnitPrice, l.Amount, l.IsSplit))],
        order.Total, PaymentOf(order), order.InsuredName is { } name ? Mask(name) : null, printNo,
        OpensDrawer: order.Method == PaymentMethod.Cash && printNo == 1);

    /// <summary>How the money was paid: the insurance account, the wallet, or cash with 实收 and 找零.</summary>
    private static List<(string, string)> PaymentOf(Order order) => order.Method switch
    {
        PaymentMethod.Cash => [("现金 实收", order.CashReceived?.ToString() ?? order.Total.ToString()), ("找零", (order.Change ?? Money.Zero).ToString())],
        PaymentMethod.InsuranceAccount => [("医保个人账户支付（扫码）", order.Total.ToString())],
        PaymentMethod.SocialSecurityCard => [("医保个人账户支付（社保卡）", order.Total.ToString())],
        _ => [(order.Method.ToChinese() + "支付", order.Total.ToString())],
    };

    /// <summary>A receipt leaves the shop: the insured person's name shows its first character only.</summary>
    public static string Mask(string name) => name.Length <= 1 ? name : name[0] + new string('*', name.Length - 1);
}
