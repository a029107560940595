using Microsoft.Extensions.Options;
using PharmacyPos.Checkout;
using PharmacyPos.Data.Registrations;
using PharmacyPos.Data.Regulated;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Web.Api;

namespace PharmacyPos.Web.Features.Regulated;

/// <summary>The two registers as CSV/XLSX, and a prescription's photo: for pharmacists and managers.</summary>
public static class RegulatedExport
{
    public static void MapRegulatedExport(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/regulated").RequireAuthorization(nameof(Permission.ViewRegulatedRecords));

        group.MapGet("/prescriptions/export", async (string? from, string? to, string? q, string? format, RegulatedRegisters registers,
            IOptions<TerminalOptions> terminal, CancellationToken ct) =>
        {
            if (Query(terminal.Value.StoreId, from, to, q, format, out var query, out var kind) is { } refused) return refused;
            var rows = await registers.PrescriptionsAsync(query, ct);
            await registers.AuditExportAsync("处方登记", query, kind, rows.Count, wholeIds: false, ct);
            return ReportDownload.File(RegulatedRegisters.PrescriptionTable(rows), kind, FileName("处方登记", query));
        });

        // The register itself carries whole ID numbers: the manager's file does; a pharmacist's is masked as on screen.
        group.MapGet("/ephedrine/export", async (HttpContext http, string? from, string? to, string? q, string? format, RegulatedRegisters registers,
            IOptions<TerminalOptions> terminal, CancellationToken ct) =>
        {
            if (Query(terminal.Value.StoreId, from, to, q, format, out var query, out var kind) is { } refused) return refused;
            var rows = await registers.EphedrineAsync(query, ct);
            var wholeIds = StaffRoles.Holding(Permission.ViewRecords).Any(r => http.User.IsInRole(r.ToString()));
            await registers.AuditExportAsync("含麻黄碱药品销售登记", query, kind, rows.Count, wholeIds, ct);
            return ReportDownload.File(RegulatedRegisters.EphedrineTable(rows, wholeIds), kind, FileName("含麻黄碱药品销售登记", query));
        });

        group.MapGet("/split/export", async (string? from, string? to, string? q, string? format, RegulatedRegisters registers,
            IOptions<TerminalOptions> terminal, CancellationToken ct) =>
        {
            if (Query(terminal.Value.StoreId, from, to, q, format, out var query, out var kind) is { } refused) return refused;
            var rows = await registers.SplitAsync(query, ct);
            await registers.AuditExportAsync("拆零记录", query, kind, rows.Count, wholeIds: false, ct);
            return ReportDownload.File(RegulatedRegisters.SplitTable(rows), kind, FileName("拆零记录", query));
        });

        group.MapGet("/prescriptions/{tradeNo}/photo", async (string tradeNo, RegulatedRegisters registers, IOptions<TerminalOptions> terminal, CancellationToken ct) =>
        {
            if (!TradeNo.TryParse(tradeNo, out var parsed)) return PosApi.Problem(PosErrors.TradeNoMalformed(tradeNo), StatusCodes.Status400BadRequest);
            return await registers.PhotoAsync(terminal.Value.StoreId, parsed, ct) is { } photo
                ? Results.File(photo.Content, photo.Type)
                : PosApi.Problem(new PosError("PHOTO_NOT_FOUND", "该处方没有图片。", ErrorKind.NotFound));
        });
    }

    private static IResult? Query(int storeId, string? from, string? to, string? q, string? format, out RegistrationQuery query, out Data.Export.ExportFormat kind)
    {
        query = default!;
        kind = default;
        if (!PosApi.TryDay(from, out var first) || !PosApi.TryDay(to, out var last)) return PosApi.Problem(ReportDownload.DateInvalid, StatusCodes.Status400BadRequest);
        query = new RegistrationQuery(storeId, first, last, q);
        if (!query.IsValid)
            return PosApi.Problem(new PosError("RANGE_INVALID", $"日期范围不正确：开始日期不能晚于结束日期，且最多 {RegistrationQuery.MaxDays} 天。"), StatusCodes.Status400BadRequest);
        return ReportDownload.TryFormat(format, out kind, out var refusal) ? null : refusal;
    }

    private static string FileName(string register, RegistrationQuery q) =>
        q.From == q.To ? $"{register}-{q.From:yyyy-MM-dd}" : $"{register}-{q.From:yyyy-MM-dd}-{q.To:yyyy-MM-dd}";
}
