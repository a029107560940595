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
        _ => StockQuery.Filter.All,
    };

    public static string TitleOf(StockQuery.Filter filter) => filter switch
    {
        StockQuery.Filter.NearExpiry => "近效期药品",
        StockQuery.Filter.Expired => "过期药品",
        _ => "库存",
    };

    public static void MapStockExport(this IEndpointRouteBuilder app) =>
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
