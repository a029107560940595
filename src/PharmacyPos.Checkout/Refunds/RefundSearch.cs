using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PharmacyPos.Data;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Refunds;

namespace PharmacyPos.Checkout.Refunds;

/// <summary>The 退单 query form: any one of the four fields, or any combination.</summary>
/// <param name="IncludeFailed">Also list attempts that never took money (支付失败): off by default, they are not refundable.</param>
public sealed record RefundQuery(string? SocialSecurityNo, string? TradeNo, DateTimeOffset? Start, DateTimeOffset? End, int Page = 1,
    bool IncludeFailed = false);

public sealed record OrderRow(long Id, TradeNo TradeNo, DateTimeOffset CreatedAt, Money Total, PaymentMethod Method,
    string? InsuredNoMasked, OrderStatus Status, string? RefundNote)
{
    public bool CanRefund => Status == OrderStatus.Paid;

    /// <summary>Why 回退 is off on this row, in the words of the refusal; null when it may be rolled back.</summary>
    public string? WhyNot => CanRefund ? null : PharmacyPos.Domain.Errors.PosErrors.RefundNotAllowedFor(Status).Message;
}

public sealed record OrderPage(IReadOnlyList<OrderRow> Rows, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>Finds the orders a cashier may roll back, newest first, one page at a time.</summary>
public sealed class RefundSearch(PosDbContext db, IOptions<TerminalOptions> terminal)
{
    public const int PageSize = 20;

    public async Task<Result<OrderPage>> SearchAsync(RefundQuery query, CancellationToken ct = default)
    {
        var ssn = query.SocialSecurityNo?.Trim() ?? "";
        if (ssn.Length > 0 && (ssn.Length is < 6 or > 30 || !ssn.All(char.IsAsciiLetterOrDigit))) return PosErrors.SocialSecurityNoMalformed;
        var tradeText = query.TradeNo?.Trim() ?? "";
        TradeNo tradeNo = default;
        if (tradeText.Length > 0 && !TradeNo.TryParse(tradeText, out tradeNo)) return PosErrors.TradeNoMalformed(tradeText);
        if (query.Start is { } s && query.End is { } e && e < s) return PosErrors.EndBeforeStart;

        var storeId = terminal.Value.StoreId;
        var orders = db.Orders.AsNoTracking().Where(o => o.StoreId == storeId && o.Status != OrderStatus.Pending);
        if (!query.IncludeFailed) orders = orders.Where(o => o.Status != OrderStatus.Failed);
        if (ssn.Length > 0) orders = orders.Where(o => o.PsnNo == ssn);
        if (tradeText.Length > 0) orders = orders.Where(o => o.TradeNo == tradeNo);
        if (query.Start is { } start) orders = orders.Where(o => o.CreatedAt >= start);
        if (query.End is { } end) orders = orders.Where(o => o.CreatedAt <= end);

        var total = await orders.CountAsync(ct);
        var page = Math.Max(1, query.Page);
        // The page and its refunds' states in one round trip (a left join), not two.
        var rows = await orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(o => new
            {
                o.Id, o.TradeNo, o.CreatedAt, o.Total, o.Method, o.PsnNo, o.Status,
                Refund = db.Refunds.Where(r => r.OrderId == o.Id).Select(r => new { r.Status, r.FailureMessage, r.FinishedAt }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return new OrderPage(rows.Select(r => new OrderRow(r.Id, r.TradeNo, r.CreatedAt, r.Total, r.Method, Mask(r.PsnNo), r.Status,
            r.Refund is null ? null : Note(r.Refund.Status, r.Refund.FailureMessage, r.Refund.FinishedAt))).ToList(), total, page, PageSize);
    }

    /// <summary>社保编码 on screen: all but the last four hidden.</summary>
    public static string? Mask(string? ssn) => ssn is null ? null : ssn.Length <= 4 ? ssn : new string('*', ssn.Length - 4) + ssn[^4..];

    private static string? Note(RefundStatus status, string? failure, DateTimeOffset? finishedAt) => status switch
    {
        RefundStatus.Failed => "退款失败：" + failure,
        RefundStatus.Requested => "退款结果待确认",
        RefundStatus.Refunded when finishedAt is { } at => $"已退款 {BeijingTime.From(at):yyyy-MM-dd HH:mm:ss}",
        _ => null,
    };
}
