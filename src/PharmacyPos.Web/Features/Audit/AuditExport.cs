using System.Globalization;
using Microsoft.Extensions.Options;
using PharmacyPos.Checkout;
using PharmacyPos.Data.Audit;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Web.Api;

namespace PharmacyPos.Web.Features.Audit;

/// <summary>GET /audit/export?from=yyyy-MM-dd&amp;to=yyyy-MM-dd&amp;user=&amp;tradeNo=&amp;action= : the 审计日志 as CSV.</summary>
public static class AuditExport
{
    public static void MapAuditExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/audit/export", async (string? from, string? to, string? user, string? tradeNo, string? action,
            AuditSearch search, IOptions<TerminalOptions> terminal, CancellationToken ct) =>
        {
            if (!TryDay(from, out var start) || !TryDay(to, out var end))
                return PosApi.Problem(new PosError("DATE_INVALID", "日期格式不正确，应为 yyyy-MM-dd。"), StatusCodes.Status400BadRequest);
            var query = new AuditQuery(terminal.Value.StoreId, start, end?.AddDays(1), user, tradeNo, action);
            var csv = await search.ExportCsvAsync(query, ct);
            return Results.File(csv, "text/csv", $"审计日志-{from ?? "全部"}-{to ?? "至今"}.csv");
        }).RequireAuthorization(nameof(Domain.Staff.Permission.ViewRecords));

    /// <summary>A Beijing calendar day's start; empty means no bound.</summary>
    internal static bool TryDay(string? text, out DateTimeOffset? start)
    {
        start = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return false;
        start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), BeijingTime.Offset);
        return true;
    }
}
