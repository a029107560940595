using Microsoft.Extensions.Options;
using PharmacyPos.Checkout;
using PharmacyPos.Checkout.Settings;
using PharmacyPos.Data.Stock;
using PharmacyPos.Web.Api;

namespace PharmacyPos.Web.Features.Stock;

/// <summary>GET /stock/export?filter=all|near|expired&amp;q=&amp;format=csv|xlsx : 库存, 近效期 or 过期 as a file.</summary>
public static class StockDownload
{
    public static StockQuery.Filter FilterOf(string? text) => text switch
    {
        "near" => StockQuery.Filter.NearExpiry,
        "expired" => StockQuery.Filter.Expired,
        "short" => StockQuery.Filter.Short,
        _ => StockQuery.Filter.All,
    };

    public static string TitleOf(StockQuery.Filter filter) => filter switch
    {
        StockQuery.Filter.NearExpiry => "近效期药品",
        StockQuery.Filter.Expired => "过期药品",
        StockQuery.Filter.Short => "库存短缺",
        _ => "库存",
    };

    public static void MapStockExport(this IEndpointRouteBuilder app)
    {
        // 销售记录 (GSP) for a date range: GET /stock/sales-record?from=2026-11-01&to=2026-11-30&format=xlsx
        app.MapGet("/stock/sales-record", async (string? from, string? to, string? format, SalesRecord record, IOptions<TerminalOptions> terminal,
            CancellationToken ct) =>
        {
            if (!PosApi.TryDay(from, out var first) || !PosApi.TryDay(to, out var last))
                return PosApi.Problem(ReportDownload.DateInvalid, StatusCodes.Status400BadRequest);
            if (!Data.Reports.SalesReports.IsValidRange(first, last)) return PosApi.Problem(Reports.ReportsExport.RangeInvalid, StatusCodes.Status400BadRequest);
            if (!ReportDownload.TryFormat(format, out var kind, out var refusal)) return refusal!;
            var table = await record.ExportAsync(terminal.Value.StoreId, first, last, ct);
            return ReportDownload.File(table, kind, $"销售记录-{first:yyyy-MM-dd}-{last:yyyy-MM-dd}");
        }).RequireAuthorization(nameof(Domain.Staff.Permission.ViewRecords));

        app.MapGet("/stock/export", async (string? filter, string? q, string? format, StockQuery stock, StoreSettingsService settings,
            IOptions<TerminalOptions> terminal, CancellationToken ct) =>
        {
            if (!ReportDownload.TryFormat(format, out var kind, out var refusal)) return refusal!;
            var which = FilterOf(filter);
            var days = (await settings.CurrentAsync(ct)).NearExpiryDays;
            var lines = await stock.ListAsync(terminal.Value.StoreId, q, which, days, ct);
            return ReportDownload.File(StockQuery.Table(TitleOf(which), lines), kind, $"{TitleOf(which)}-{stock.Today:yyyy-MM-dd}");
        }).RequireAuthorization(nameof(Domain.Staff.Permission.ViewRecords));
    }
}
