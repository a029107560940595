using Microsoft.EntityFrameworkCore;
using PharmacyPos.Data.Export;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Refunds;

namespace PharmacyPos.Data.Reports;

/// <summary>
/// Builds 销售报表 in the database's own GROUP BY: orders are grouped by what the report splits
/// on and by their total, so a year of a busy store (≈ 300 000 orders) comes back as a few
/// thousand groups, and the amounts (whole fen, kept as <see cref="Money"/>) are summed here.
/// </summary>
public sealed class SalesReports(PosDbContext db)
{
    public const int MaxDays = 366;
    public const int BestSellerCount = 50;
    private static readonly OrderStatus[] Sold = [OrderStatus.Paid, OrderStatus.Refunding, OrderStatus.Refunded];

    public static bool IsValidRange(DateOnly from, DateOnly to) => from <= to && to.DayNumber - from.DayNumber < MaxDays;

    public async Task<SalesReport> BuildAsync(int storeId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), BeijingTime.Offset);
        var end = new DateTimeOffset(to.ToDateTime(TimeOnly.MinValue), BeijingTime.Offset).AddDays(1);
        var paid = db.Orders.AsNoTracking().Where(o => o.StoreId == storeId && o.PaidAt >= start && o.PaidAt < end && Sold.Contains(o.Status));

        var sales = await paid.GroupBy(o => new { o.Method, o.TerminalId, o.Cashier, o.CashierName, o.Total })
            .Select(g => new { g.Key.Method, g.Key.TerminalId, g.Key.Cashier, g.Key.CashierName, g.Key.Total, Count = g.Count() })
            .ToListAsync(ct);
        var refunds = await db.Refunds.AsNoTracking()
            .Where(r => r.StoreId == storeId && r.Status == RefundStatus.Refunded && r.FinishedAt >= start && r.FinishedAt < end)
            .Join(db.Orders, r => r.OrderId, o => o.Id, (r, o) => new { r.Method, o.TerminalId, o.Cashier, o.CashierName, r.Amount })
            .GroupBy(x => new { x.Method, x.TerminalId, x.Cashier, x.CashierName, x.Amount })
            .Select(g => new { g.Key.Method, g.Key.TerminalId, g.Key.Cashier, g.Key.CashierName, g.Key.Amount, Count = g.Count() })
            .ToListAsync(ct);
        var failed = await db.Orders.AsNoTracking()
            .CountAsync(o => o.StoreId == storeId && o.Status == OrderStatus.Failed && o.CreatedAt >= start && o.CreatedAt < end, ct);

        var sold = sales.Select(s => new Tally(s.Method, s.TerminalId, CashierOf(s.Cashier, s.CashierName), s.Count, s.Total * s.Count, 0, Money.Zero));
        var returned = refunds.Select(r => new Tally(r.Method, r.TerminalId, CashierOf(r.Cashier, r.CashierName), 0, Money.Zero, r.Count, r.Amount * r.Count));
        var all = sold.Concat(returned).ToList();

        var byMethod = Enum.GetValues<PaymentMethod>().Select(m => Sum(m.ToChinese(), all.Where(t => t.Method == m))).ToList();
        var lines = await BestSellersAsync(paid, ct);
        return new SalesReport(from, to, byMethod, Sum("合计", all),
            [.. all.GroupBy(t => t.Cashier).Select(g => Sum(g.Key, g)).OrderByDescending(f => f.Net.Fen)],
            [.. all.GroupBy(t => t.Terminal).Select(g => Sum(g.Key, g)).OrderBy(f => f.Name, StringComparer.Ordinal)],
            [.. lines.Take(BestSellerCount)],
            [.. lines.GroupBy(l => l.Category).Select(g => new SalesFigures(g.Key, g.Sum(l => l.Quantity), Sum(g.Select(l => l.Amount)), 0, Money.Zero))
                .OrderByDescending(f => f.Gross.Fen)],
            failed);
    }

    /// <summary>Lines of the orders that stayed sold, grouped by drug and price in SQL; the category from today's catalogue.</summary>
    private async Task<List<DrugSales>> BestSellersAsync(IQueryable<Order> paid, CancellationToken ct)
    {
        var grouped = await paid.Where(o => o.Status != OrderStatus.Refunded).SelectMany(o => o.Lines)
            .GroupBy(l => new { l.DrugCode, l.DrugName, l.Specification, l.UnitPrice })
            .Select(g => new { g.Key.DrugCode, g.Key.DrugName, g.Key.Specification, g.Key.UnitPrice, Quantity = g.Sum(l => l.Quantity) })
            .ToListAsync(ct);
        var codes = grouped.Select(g => g.DrugCode).Distinct().ToList();
        var categories = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in codes.Chunk(500))
            foreach (var d in await db.Drugs.AsNoTracking().Where(d => chunk.Contains(d.Code)).ToListAsync(ct))
                categories[d.Code] = d.InsuranceLabel;
        return [.. grouped.GroupBy(g => g.DrugCode).Select(g =>
            {
                var first = g.First();
                return new DrugSales(g.Key, first.DrugName, first.Specification, categories.GetValueOrDefault(g.Key, "已停售"),
                    g.Sum(x => x.Quantity), Sum(g.Select(x => x.UnitPrice * x.Quantity)));
            }).OrderByDescending(d => d.Quantity).ThenByDescending(d => d.Amount.Fen)];
    }

    private sealed record Tally(PaymentMethod Method, string Terminal, string Cashier, int Count, Money Gross, int RefundCount, Money Refunds);

    private static string CashierOf(string? user, string? name) => user is null ? "（未记录收银员）" : $"{name}（{user}）";

    private static SalesFigures Sum(string name, IEnumerable<Tally> tallies)
    {
        var list = tallies as IReadOnlyCollection<Tally> ?? [.. tallies];
        return new(name, list.Sum(t => t.Count), Sum(list.Select(t => t.Gross)), list.Sum(t => t.RefundCount), Sum(list.Select(t => t.Refunds)));
    }

    private static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Money.Zero, (a, b) => a + b);

    /// <summary>The report as one table for CSV/XLSX: each breakdown under its own heading row.</summary>
    public static ReportTable Table(SalesReport report)
    {
        var rows = new List<IReadOnlyList<object?>>();
        void Section(string title, IEnumerable<SalesFigures> figures)
        {
            foreach (var f in figures) rows.Add([title, f.Name, f.Count, f.Gross, f.RefundCount, f.Refunds, f.Net]);
        }
        Section("支付方式", report.ByMethod);
        Section("合计", [report.Total]);
        Section("收银员", report.ByCashier);
        Section("终端", report.ByTerminal);
        Section("医保类别", report.ByCategory);
        foreach (var d in report.BestSellers) rows.Add(["畅销药品", $"{d.Code} {d.Name} {d.Specification}", d.Quantity, d.Amount, null, null, null]);
        rows.Add(["支付失败（未扣款）", "", report.FailedAttempts, null, null, null, null]);
        return new ReportTable($"销售报表 {report.Describe()}", ["分类", "项目", "笔数/数量", "销售额", "退款笔数", "退款额", "净额"], rows);
    }
}
