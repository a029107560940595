using System.Globalization;
using PharmacyPos.Data.Export;
using PharmacyPos.Checkout.Reconciliation;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Web.Api;

namespace PharmacyPos.Web.Features.Reconciliation;

/// <summary>The latest run's differences for a day as CSV (UTF-8 with BOM, so Excel shows the Chinese).</summary>
public static class ReconciliationExport
{
    public static void MapReconciliationExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/reconciliation/export", async (string? date, DailyReconciliation reconciliation, CancellationToken ct) =>
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                return PosApi.Problem(new PosError("DATE_INVALID", "日期格式不正确，应为 yyyy-MM-dd。"), StatusCodes.Status400BadRequest);
            var report = await reconciliation.LatestAsync(day, ct);
            if (report is null)
                return PosApi.Problem(new PosError("NOT_RECONCILED", $"{date} 尚未对账，请先在对账页面开始对账。"), StatusCodes.Status404NotFound);
            IEnumerable<IReadOnlyList<object?>> rows =
            [
                .. report.Differences.Select(d => (IReadOnlyList<object?>)[d.KindText, d.Channel.ToChinese(), new CsvExport.Id(d.TradeNo), d.RefundNo is { } r ? new CsvExport.Id(r) : null, d.PosAmount, d.ChannelAmount, d.Note]),
                .. report.NotReconciled.Select(reason => (IReadOnlyList<object?>)["未能核对", null, null, null, null, null, reason]),
            ];
            return Results.File(CsvExport.Write(["差异类型", "渠道", "交易号", "退款单号", "收银系统金额", "渠道金额", "说明"], rows), "text/csv", $"对账差异-{date}.csv");
        }).RequireAuthorization(nameof(Domain.Staff.Permission.ViewRecords));
}
