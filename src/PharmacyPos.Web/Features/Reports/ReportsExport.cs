using Microsoft.Extensions.Options;
using PharmacyPos.Checkout;
using PharmacyPos.Data.Reports;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Web.Api;

namespace PharmacyPos.Web.Features.Reports;

/// <summary>GET /reports/export?from=yyyy-MM-dd&amp;to=yyyy-MM-dd&amp;format=csv|xlsx : 销售报表 as a file.</summary>
public static class ReportsExport
{
    public static readonly PosError RangeInvalid = new("RANGE_INVALID", $"日期范围不正确：开始日期不能晚于结束日期，且最多 {SalesReports.MaxDays} 天。");

    public static void MapReportsExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/reports/export", async (string? from, string? to, string? format, SalesReports reports, IOptions<TerminalOptions> terminal, CancellationToken ct) =>
        {
            if (!PosApi.TryDay(from, out var first) || !PosApi.TryDay(to, out var last))
                return PosApi.Problem(ReportDownload.DateInvalid, StatusCodes.Status400BadRequest);
            if (!SalesReports.IsValidRange(first, last)) return PosApi.Problem(RangeInvalid, StatusCodes.Status400BadRequest);
            if (!ReportDownload.TryFormat(format, out var kind, out var refusal)) return refusal!;
            var report = await reports.BuildAsync(terminal.Value.StoreId, first, last, ct);
            return ReportDownload.File(SalesReports.Table(report), kind, $"销售报表-{first:yyyy-MM-dd}-{last:yyyy-MM-dd}");
        }).RequireAuthorization(nameof(Domain.Staff.Permission.ViewRecords));
}
