using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;

namespace PharmacyPos.Data.Reports;

/// <summary>One row of a breakdown: how many, how much taken, how much given back, what is left.</summary>
public sealed record SalesFigures(string Name, int Count, Money Gross, int RefundCount, Money Refunds)
{
    public Money Net => Gross - Refunds;
}

/// <summary>A drug's sales in the stretch: boxes and amount, from orders that were not refunded.</summary>
public sealed record DrugSales(string Code, string Name, string Specification, string Category, int Quantity, Money Amount);

/// <summary>
/// 销售报表 for a stretch of Beijing days. A sale counts on the day it was paid; a refund on the
/// day it was made (so a closed day's figures never change when a later refund comes in).
/// </summary>
public sealed record SalesReport(DateOnly From, DateOnly To, IReadOnlyList<SalesFigures> ByMethod, SalesFigures Total,
    IReadOnlyList<SalesFigures> ByCashier, IReadOnlyList<SalesFigures> ByTerminal, IReadOnlyList<DrugSales> BestSellers,
    IReadOnlyList<SalesFigures> ByCategory, int FailedAttempts, IReadOnlyList<SalesFigures>? ByTerminalAndMethod = null)
{
    /// <summary>终端 × 支付方式: what each till's drawer and each channel took there (日结 sets each against its 交班单).</summary>
    public IReadOnlyList<SalesFigures> ByTerminalAndMethod { get; init; } = ByTerminalAndMethod ?? [];

    /// <summary>医保 summary: what the platform settled, from the personal account by phone and by card.</summary>
    public IEnumerable<SalesFigures> Insurance =>
        ByMethod.Where(m => m.Name == PaymentMethod.InsuranceAccount.ToChinese() || m.Name == PaymentMethod.SocialSecurityCard.ToChinese());

    public string Describe() => From == To ? $"{From:yyyy-MM-dd}" : $"{From:yyyy-MM-dd} 至 {To:yyyy-MM-dd}";
}
