using System.Globalization;
using Microsoft.Extensions.Options;
using PharmacyPos.Checkout;
using PharmacyPos.Data.Audit;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Web.Api;

namespace PharmacyPos.Web.Features.Audit;

/// <summary>GET /audit/export?from=yyyy-MM-dd&amp;to=yyyy-MM-dd&amp;user=&amp;tradeNo=&amp;action= : the 审计日志 as CSV (or XLSX with &amp;format=xlsx).</summary>
public static class AuditExport
{
    public static void MapAuditExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/audit/export", async (string? from, string? to, string? user, string? tradeNo, string? action, string? format,
            AuditSearch search, IOptions<TerminalOptions> terminal, CancellationToken ct) =>
        {
            if (!TryDay(from, out var start) || !TryDay(to, out var end))
                return PosApi.Problem(ReportDownload.DateInvalid, StatusCodes.Status400BadRequest);
            if (!ReportDownload.TryFormat(format, out var kind, out var refusal)) return refusal!;
            var query = new AuditQuery(terminal.Value.StoreId, start, end?.AddDays(1), user, tradeNo, action);
            return ReportDownload.File(await search.ExportAsync(query, ct), kind, $"审计日志-{from ?? "全部"}-{to ?? "至今"}");
        }).RequireAuthorization(nameof(Domain.Staff.Permission.ViewRecords));

    /// <summary>A Beijing calendar day's start; empty means no bound.</summary>
    internal static bool TryDay(string? text, out DateTimeOffset? start)
    {
        start = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!PosApi.TryDay(text, out var day)) return false;
        start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), BeijingTime.Offset);
        return true;
    }
}
