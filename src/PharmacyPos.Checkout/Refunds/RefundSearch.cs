using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PharmacyPos.Channels.Insurance;
using PharmacyPos.Data;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Refunds;

namespace PharmacyPos.Checkout.Refunds;

/// <summary>
/// The 退单 query form: any one of the four fields, or any combination. 社保编码 takes what the cashier
/// has in hand: the 社保编码 (人员编号), the social-security card's number or the resident ID number.
/// </summary>
/// <param name="IncludeFailed">Also list attempts that never took money (支付失败): off by default, they are not refundable.</param>
/// <param name="Person">订单查询: an insured person's or purchaser's name (part of it) or a purchaser's phone number.</param>
/// <param name="Drug">订单查询: a drug's 编码 or part of its name, on any line.</param>
/// <param name="Amount">订单查询: the order's total, to the fen.</param>
/// <param name="AnyStatus">订单查询: every attempt, also those still being paid.</param>
public sealed record RefundQuery(string? SocialSecurityNo, string? TradeNo, DateTimeOffset? Start, DateTimeOffset? End, int Page = 1,
    bool IncludeFailed = false, string? Person = null, string? Drug = null, Money? Amount = null, bool AnyStatus = false);

public sealed record OrderRow(long Id, TradeNo TradeNo, DateTimeOffset CreatedAt, Money Total, PaymentMethod Method,
    string? InsuredNoMasked, OrderStatus Status, string? RefundNote)
{
    public bool CanRefund => Status == OrderStatus.Paid;

    /// <summary>Why 回退 is off on this row, in the words of the refusal; null when it may be rolled back.</summary>
    public string? WhyNot => CanRefund ? null : PharmacyPos.Domain.Errors.PosErrors.RefundNotAllowedFor(Status).Message;
}

/// <param name="Notice">What the cashier should know about how the rows were found (e.g. the platform could not be asked).</param>
public sealed record OrderPage(IReadOnlyList<OrderRow> Rows, int Total, int Page, int PageSize, string? Notice = null)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>Finds the orders a cashier may roll back, newest first, one page at a time.</summary>
public sealed class RefundSearch(PosDbContext db, IOptions<TerminalOptions> terminal, IInsurancePlatform platform)
{
    public static readonly PosError PersonNotFound = new("PERSON_NOT_FOUND", "医保平台未查到该卡号或身份证号对应的参保人，请核对后重试，或改用交易号、日期查询。", ErrorKind.NotFound);
    public static readonly PosError PlatformUnavailableForCard = new("INSURANCE_LOOKUP_UNAVAILABLE",
        "医保平台暂时无法按社保卡号查询：以上仅按社保编码（人员编号）匹配。可改用交易号或日期查询。", ErrorKind.Unavailable);
    public static readonly PosError PlatformUnavailable = new("INSURANCE_LOOKUP_UNAVAILABLE",
        "医保平台暂时无法按卡号或身份证号查询，请改用社保编码、交易号或日期查询。", ErrorKind.Unavailable);

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
        var isId = Domain.Registration.ResidentId.TryParse(ssn, out _);
        // A 人员编号 is matched as typed; an ID number, or a card number with no orders under it as a 人员编号, is asked of the platform.
        var psnNo = ssn;
        if (isId)
        {
            var person = await PersonNoAsync(ssn, isId, ct);
            if (!person.IsSuccess) return person.Error;
            psnNo = person.Value;
        }
        var orders = Filter(query, storeId, psnNo, tradeNo);
        var total = await orders.CountAsync(ct);
        string? notice = null;
        if (total == 0 && ssn.Length > 0 && !isId)
        {
            var person = await PersonNoAsync(ssn, isId, ct);
            if (!person.IsSuccess)
            {
                // What was typed may be a 人员编号 with no orders: that answer stands, with the reason it is not more.
                notice = person.Error.Message;
            }
            else if (person.Value != ssn)
            {
                orders = Filter(query, storeId, person.Value, tradeNo);
                total = await orders.CountAsync(ct);
            }
        }
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
            r.Refund is null ? null : Note(r.Refund.Status, r.Refund.FailureMessage, r.Refund.FinishedAt))).ToList(), total, page, PageSize, notice);
    }

    private IQueryable<Order> Filter(RefundQuery query, int storeId, string psnNo, TradeNo tradeNo)
    {
        var orders = db.Orders.AsNoTracking().Where(o => o.StoreId == storeId);
        if (!query.AnyStatus) orders = orders.Where(o => o.Status != OrderStatus.Pending);
        if (!query.IncludeFailed && !query.AnyStatus) orders = orders.Where(o => o.Status != OrderStatus.Failed);
        if (query.Person?.Trim() is { Length: > 0 } person)
            orders = orders.Where(o => (o.InsuredName != null && o.InsuredName.Contains(person))
                || db.Registrations.Any(r => r.TradeNo == o.TradeNo && (r.PurchaserName.Contains(person) || r.Phone == person)));
        if (query.Drug?.Trim() is { Length: > 0 } drug)
            orders = orders.Where(o => o.Lines.Any(l => l.DrugCode == drug || l.DrugName.Contains(drug)));
        if (query.Amount is { } amount) orders = orders.Where(o => o.Total == amount);
        if (psnNo.Length > 0) orders = orders.Where(o => o.PsnNo == psnNo);
        if (tradeNo != default) orders = orders.Where(o => o.TradeNo == tradeNo);
        if (query.Start is { } start) orders = orders.Where(o => o.CreatedAt >= start);
        if (query.End is { } end) orders = orders.Where(o => o.CreatedAt <= end);
        return orders;
    }

    /// <summary>
    /// The 人员编号 the orders are kept under (sealed, matched by equality: the plain number is never
    /// stored), for an ID number or a card's number: the platform knows whose it is (1101, certificate
    /// type 02 or 03).
    /// </summary>
    private async Task<Result<string>> PersonNoAsync(string typed, bool isId, CancellationToken ct)
    {
        var lookup = await platform.FindPersonAsync(typed.ToUpperInvariant(), isId ? CertificateType.ResidentId : CertificateType.SocialSecurityCard, ct);
        return lookup switch
        {
            PersonLookup.Found found => found.Person.PsnNo,
            // Not a card or ID the platform knows: what was typed may still be a 人员编号 with no orders here.
            PersonLookup.NotBound or PersonLookup.Invalid => isId ? PersonNotFound : typed,
            _ when !isId => PlatformUnavailableForCard,
            _ => PlatformUnavailable,
        };
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
