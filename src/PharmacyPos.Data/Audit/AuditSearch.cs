using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;

namespace PharmacyPos.Data.Audit;

/// <param name="From">Inclusive; null is the beginning.</param>
/// <param name="To">Exclusive; null is now.</param>
public sealed record AuditQuery(int StoreId, DateTimeOffset? From, DateTimeOffset? To, string? UserName, string? TradeNo, string? Action, int Page = 1);

public sealed record AuditResults(IReadOnlyList<AuditEntry> Rows, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The 审计日志 page and its export: one store's trail, newest first, narrowed by time, person, 交易号 and action.</summary>
public sealed class AuditSearch(PosDbContext db)
{
    public const int PageSize = 50;
    public const int ExportLimit = 200_000;

    public async Task<AuditResults> SearchAsync(AuditQuery q, CancellationToken ct = default)
    {
        var rows = Filter(q);
        var total = await rows.CountAsync(ct);
        var page = Math.Max(1, q.Page);
        var items = await rows.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new AuditResults(items, total, page, PageSize);
    }

    /// <summary>Oldest first, as a trail is read; written as CSV or XLSX by the one export writer.</summary>
    public async Task<Export.ReportTable> ExportAsync(AuditQuery q, CancellationToken ct = default)
    {
        var entries = await Filter(q).OrderBy(e => e.At).ThenBy(e => e.Id).Take(ExportLimit).ToListAsync(ct);
        return new("审计日志", ["时间", "终端", "账号", "姓名", "角色", "操作", "交易号", "金额", "批准人", "说明"],
        [
            .. entries.Select(e => (IReadOnlyList<object?>)
            [
                Domain.BeijingTime.From(e.At).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                e.Terminal, e.UserName, e.DisplayName, e.Role, e.ActionText, e.TradeNo is { } t ? new Export.CsvExport.Id(t) : null, e.Amount, e.Approver, e.Detail,
            ]),
        ]);
    }

    private IQueryable<AuditEntry> Filter(AuditQuery q)
    {
        var rows = db.Audit.AsNoTracking().Where(e => e.StoreId == q.StoreId || e.StoreId == 0);
        if (q.From is { } from) rows = rows.Where(e => e.At >= from);
        if (q.To is { } to) rows = rows.Where(e => e.At < to);
        if (q.UserName?.Trim().ToLowerInvariant() is { Length: > 0 } user) rows = rows.Where(e => e.UserName == user);
        if (q.TradeNo?.Trim() is { Length: > 0 } tradeNo) rows = rows.Where(e => e.TradeNo == tradeNo);
        if (q.Action?.Trim() is { Length: > 0 } action) rows = rows.Where(e => e.Action == action);
        return rows;
    }
}
