using Microsoft.EntityFrameworkCore;
using PharmacyPos.Data.Export;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Refunds;

namespace PharmacyPos.Data.Reports;

/// <summary>
/// Builds 销售报表 in the database's own GROUP BY: a year of a busy store (≈ 300 000 orders)
/// comes back as a few dozen rows per split and one row per drug sold.
/// </summary>
public sealed class SalesReports(PosDbContext db)
{
    public const int MaxDays = 366;
    public const int BestSellerCount = 50;
    private static readonly OrderStatus[] Sold = [OrderStatus.Paid, OrderStatus.Refunding, OrderStatus.Refunded];

    public static bool IsValidRange(DateOnly from, DateOnly to) => from <= to && to.DayNumber - from.DayNumber < MaxDays;

    /// <summary>
    /// How long before the report's first day an order paid in it may have been written: a payment
    /// is settled within its 60 s or by recovery, which a POS that was off for days catches up late.
    /// Bounding by the written time lets the database use its (store, time) index for a day's report.
    /// </summary>
    internal static readonly TimeSpan LatestSettlement = TimeSpan.FromDays(7);

    public async Task<SalesReport> BuildAsync(int storeId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var (start, end) = (BeijingTime.StartOf(from), BeijingTime.StartOf(to.AddDays(1)));
        var (s, e, written) = (start.ToUnixTimeMilliseconds(), end.ToUnixTimeMilliseconds(), (start - LatestSettlement).ToUnixTimeMilliseconds());
        var (paid, refunding, refunded) = ((int)OrderStatus.Paid, (int)OrderStatus.Refunding, (int)OrderStatus.Refunded);

        // Amounts are whole fen in BIGINT columns on both providers; EF cannot SUM through the Money
        // converter, so the three aggregates are SQL of their own (parameterised, the same on both).
        var sales = await db.Database.SqlQuery<Group>($"""
            SELECT "Method", "TerminalId", "Cashier", "CashierName", COUNT(*) AS "Count", CAST(SUM("Total") AS BIGINT) AS "Fen"
            FROM orders
            WHERE "StoreId" = {storeId} AND "CreatedAt" >= {written} AND "CreatedAt" < {e}
              AND "PaidAt" >= {s} AND "PaidAt" < {e} AND "Status" IN ({paid}, {refunding}, {refunded})
            GROUP BY "Method", "TerminalId", "Cashier", "CashierName"
            """).ToListAsync(ct);
        var refunds = await db.Database.SqlQuery<Group>($"""
            SELECT r."Method", o."TerminalId", o."Cashier", o."CashierName", COUNT(*) AS "Count", CAST(SUM(r."Amount") AS BIGINT) AS "Fen"
            FROM refunds r JOIN orders o ON o."Id" = r."OrderId"
            WHERE r."StoreId" = {storeId} AND r."Status" = {(int)RefundStatus.Refunded} AND r."FinishedAt" >= {s} AND r."FinishedAt" < {e}
            GROUP BY r."Method", o."TerminalId", o."Cashier", o."CashierName"
            """).ToListAsync(ct);
        var failed = await db.Orders.AsNoTracking()
            .CountAsync(o => o.StoreId == storeId && o.Status == OrderStatus.Failed && o.CreatedAt >= start && o.CreatedAt < end, ct);

        var all = sales.Select(g => new Tally((PaymentMethod)g.Method, g.TerminalId, CashierOf(g.Cashier, g.CashierName), (int)g.Count, new Money(g.Fen), 0, Money.Zero))
            .Concat(refunds.Select(g => new Tally((PaymentMethod)g.Method, g.TerminalId, CashierOf(g.Cashier, g.CashierName), 0, Money.Zero, (int)g.Count, new Money(g.Fen))))
            .ToList();

        var byMethod = Enum.GetValues<PaymentMethod>().Select(m => Sum(m.ToChinese(), all.Where(t => t.Method == m))).ToList();
        var lines = await BestSellersAsync(storeId, s, e, written, ct);
        return new SalesReport(from, to, byMethod, Sum("合计", all),
            [.. all.GroupBy(t => t.Cashier).Select(g => Sum(g.Key, g)).OrderByDescending(f => f.Net.Fen)],
            [.. all.GroupBy(t => t.Terminal).Select(g => Sum(g.Key, g)).OrderBy(f => f.Name, StringComparer.Ordinal)],
            [.. lines.Take(BestSellerCount)],
            [.. lines.GroupBy(l => l.Category).Select(g => new SalesFigures(g.Key, g.Sum(l => l.Quantity), Sum(g.Select(l => l.Amount)), 0, Money.Zero))
                .OrderByDescending(f => f.Gross.Fen)],
            failed,
            [.. all.GroupBy(t => (t.Terminal, t.Method)).OrderBy(g => g.Key.Terminal, StringComparer.Ordinal).ThenBy(g => g.Key.Method)
                .Select(g => Sum($"{g.Key.Terminal} {g.Key.Method.ToChinese()}", g))]);
    }

    /// <summary>One GROUP BY row: the split's keys, how many and how many fen.</summary>
    private sealed record Group(int Method, string TerminalId, string? Cashier, string? CashierName, long Count, long Fen);

    private sealed record LineGroup(string DrugCode, string DrugName, string Specification, long Quantity, long Fen);

    /// <summary>Lines of the orders paid in the stretch that stayed sold, by drug; the category from today's catalogue.</summary>
    private async Task<List<DrugSales>> BestSellersAsync(int storeId, long s, long e, long written, CancellationToken ct)
    {
        var grouped = await db.Database.SqlQuery<LineGroup>($"""
            SELECT l."DrugCode", MIN(l."DrugName") AS "DrugName", MIN(l."Specification") AS "Specification",
                   CAST(SUM(l."Quantity") AS BIGINT) AS "Quantity", CAST(SUM(l."UnitPrice" * l."Quantity") AS BIGINT) AS "Fen"
            FROM order_lines l CROSS JOIN orders o
            WHERE o."Id" = l."OrderId" AND o."StoreId" = {storeId} AND o."CreatedAt" >= {written} AND o."CreatedAt" < {e}
              AND o."PaidAt" >= {s} AND o."PaidAt" < {e} AND o."Status" IN ({(int)OrderStatus.Paid}, {(int)OrderStatus.Refunding})
            GROUP BY l."DrugCode"
            """).ToListAsync(ct);
        var codes = grouped.Select(g => g.DrugCode).ToList();
        var categories = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in codes.Chunk(500))
            foreach (var d in await db.Drugs.AsNoTracking().Where(d => chunk.Contains(d.Code)).ToListAsync(ct))
                categories[d.Code] = d.InsuranceLabel;
        return [.. grouped.Select(g => new DrugSales(g.DrugCode, g.DrugName, g.Specification, categories.GetValueOrDefault(g.DrugCode, "已停售"),
                (int)g.Quantity, new Money(g.Fen)))
            .OrderByDescending(d => d.Quantity).ThenByDescending(d => d.Amount.Fen).ThenBy(d => d.Code, StringComparer.Ordinal)];
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
        Section("终端×支付方式", report.ByTerminalAndMethod);
        Section("医保类别", report.ByCategory);
        foreach (var d in report.BestSellers) rows.Add(["畅销药品", $"{d.Code} {d.Name} {d.Specification}", d.Quantity, d.Amount, null, null, null]);
        rows.Add(["支付失败（未扣款）", "", report.FailedAttempts, null, null, null, null]);
        return new ReportTable($"销售报表 {report.Describe()}", ["分类", "项目", "笔数/数量", "销售额", "退款笔数", "退款额", "净额"], rows);
    }
}
