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

        MapExport(group, "prescriptions", "处方登记", holdsIds: false, (r, q, ct) => r.PrescriptionsAsync(q, ct), (rows, _) => RegulatedRegisters.PrescriptionTable(rows));

        // The register itself carries whole ID numbers: the manager's file does; a pharmacist's is masked as on screen.
        MapExport(group, "ephedrine", "含麻黄碱药品销售登记", holdsIds: true, (r, q, ct) => r.EphedrineAsync(q, ct), RegulatedRegisters.EphedrineTable);

        MapExport(group, "split", "拆零记录", holdsIds: false, (r, q, ct) => r.SplitAsync(q, ct), (rows, _) => RegulatedRegisters.SplitTable(rows));

        group.MapGet("/prescriptions/{tradeNo}/photo", async (string tradeNo, RegulatedRegisters registers, IOptions<TerminalOptions> terminal, CancellationToken ct) =>
        {
            if (!TradeNo.TryParse(tradeNo, out var parsed)) return PosApi.Problem(PosErrors.TradeNoMalformed(tradeNo), StatusCodes.Status400BadRequest);
            return await registers.PhotoAsync(terminal.Value.StoreId, parsed, ct) is { } photo
                ? Results.File(photo.Content, photo.Type)
                : PosApi.Problem(new PosError("PHOTO_NOT_FOUND", "该处方没有图片。", ErrorKind.NotFound));
        });
    }

    /// <summary>
    /// GET /regulated/{path}/export?from=&amp;to=&amp;q=&amp;format=: the register's rows as CSV/XLSX, audited. The
    /// manager's file carries ID numbers whole (the register itself); anyone else's is masked as on screen.
    /// </summary>
    private static void MapExport<T>(RouteGroupBuilder group, string path, string register, bool holdsIds,
        Func<RegulatedRegisters, RegistrationQuery, CancellationToken, Task<IReadOnlyList<T>>> rows,
        Func<IReadOnlyList<T>, bool, Data.Export.ReportTable> table) =>
        group.MapGet($"/{path}/export", async (HttpContext http, string? from, string? to, string? q, string? format, RegulatedRegisters registers,
            IOptions<TerminalOptions> terminal, CancellationToken ct) =>
        {
            if (Query(terminal.Value.StoreId, from, to, q, format, out var query, out var kind) is { } refused) return refused;
            var wholeIds = holdsIds && StaffRoles.Holding(Permission.ViewRecords).Any(r => http.User.IsInRole(r.ToString()));
            var found = await rows(registers, query, ct);
            await registers.AuditExportAsync(register, query, kind, found.Count, wholeIds, ct);
            return ReportDownload.File(table(found, wholeIds), kind, FileName(register, query));
        });

    private static IResult? Query(int storeId, string? from, string? to, string? q, string? format, out RegistrationQuery query, out Data.Export.ExportFormat kind)
    {
        query = default!;
        kind = default;
        if (!PosApi.TryDay(from, out var first) || !PosApi.TryDay(to, out var last)) return PosApi.Problem(ReportDownload.DateInvalid, StatusCodes.Status400BadRequest);
        query = new RegistrationQuery(storeId, first, last, q);
        if (!query.IsValid)
            return PosApi.Problem(RegistrationQuery.RangeInvalid, StatusCodes.Status400BadRequest);
        return ReportDownload.TryFormat(format, out kind, out var refusal) ? null : refusal;
    }

    private static string FileName(string register, RegistrationQuery q) =>
        q.From == q.To ? $"{register}-{q.From:yyyy-MM-dd}" : $"{register}-{q.From:yyyy-MM-dd}-{q.To:yyyy-MM-dd}";
}
