using System.Globalization;
using PharmacyPos.Data.Export;
using PharmacyPos.Checkout.Reconciliation;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Web.Api;

namespace PharmacyPos.Web.Features.Reconciliation;

/// <summary>The latest run's differences for a day as CSV or XLSX.</summary>
public static class ReconciliationExport
{
    public sealed record ReattachRequest(string? TradeNo, string? Method);

    public static void MapReconciliationExport(this IEndpointRouteBuilder app)
    {
        // 开始对账 as JSON: after a restore, or for a script that reconciles a day on demand.
        app.MapPost("/api/reconciliation/{date}", async (string date, DailyReconciliation reconciliation, CancellationToken ct) =>
        {
            if (!PosApi.TryDay(date, out var day)) return PosApi.Problem(ReportDownload.DateInvalid, StatusCodes.Status400BadRequest);
            var report = await reconciliation.RunAsync(day, ct);
            return Results.Ok(new
            {
                report.TradesCompared,
                Differences = report.Differences.Select(d => new { d.Kind, Text = d.KindText, Channel = d.Channel.ToString(), d.TradeNo, d.RefundNo, Pos = d.PosAmount?.Yuan, Theirs = d.ChannelAmount?.Yuan, d.Note }),
                report.NotReconciled,
            });
        }).RequireAuthorization(nameof(Domain.Staff.Permission.ViewRecords));

        // 补记: { "tradeNo": "…", "method": "Alipay" | "WeChatPay" | "InsuranceAccount" }.
        app.MapPost("/api/reconciliation/reattach", async (ReattachRequest request, PharmacyPos.Checkout.Reconciliation.Reattachment reattachment, CancellationToken ct) =>
        {
            if (!Enum.TryParse<Domain.Orders.PaymentMethod>(request.Method, out var method))
                return PosApi.Problem(new PosError("REATTACH_METHOD_INVALID", "请指定渠道：Alipay、WeChatPay 或 InsuranceAccount。"), StatusCodes.Status400BadRequest);
            var result = await reattachment.ReattachAsync(request.TradeNo, method, ct);
            return result.IsSuccess ? Results.Ok(OrderDto.From(result.Value)) : PosApi.Problem(result.Error!);
        }).RequireAuthorization(nameof(Domain.Staff.Permission.ManageCash));

        app.MapGet("/reconciliation/export", async (string? date, string? format, DailyReconciliation reconciliation, CancellationToken ct) =>
        {
            if (!PosApi.TryDay(date, out var day))
                return PosApi.Problem(ReportDownload.DateInvalid, StatusCodes.Status400BadRequest);
            if (!ReportDownload.TryFormat(format, out var kind, out var refusal)) return refusal!;
            var report = await reconciliation.LatestAsync(day, ct);
            if (report is null)
                return PosApi.Problem(new PosError("NOT_RECONCILED", $"{date} 尚未对账，请先在对账页面开始对账。"), StatusCodes.Status404NotFound);
            IReadOnlyList<IReadOnlyList<object?>> rows =
            [
                .. report.Differences.Select(d => (IReadOnlyList<object?>)[d.KindText, d.Channel.ToChinese(), new CsvExport.Id(d.TradeNo), d.RefundNo is { } r ? new CsvExport.Id(r) : null, d.PosAmount, d.ChannelAmount, d.Note]),
                .. report.NotReconciled.Select(reason => (IReadOnlyList<object?>)["未能核对", null, null, null, null, null, reason]),
            ];
            return ReportDownload.File(new ReportTable("对账差异", ["差异类型", "渠道", "交易号", "退款单号", "收银系统金额", "渠道金额", "说明"], rows), kind, $"对账差异-{date}");
        }).RequireAuthorization(nameof(Domain.Staff.Permission.ViewRecords));
    }
}
