using PharmacyPos.Checkout.Shifts;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Shifts;
using PharmacyPos.Web.Api;

namespace PharmacyPos.Web.Features.Shifts;

/// <summary>
/// 班次, 交班 and 日结 as JSON, the same use cases as the 交班 and 日结 screens. Amounts are yuan
/// with at most two decimals; a count is a total or 张数 per denomination (100, 50, 20, 10, 5, 1, 0.5, 0.1).
/// </summary>
public static class ShiftApi
{
    public sealed record FloatRequest(decimal? Yuan);
    public sealed record CashRequest(string? Kind, decimal? Yuan, string? Reason, ManagerApproval? Approver);
    public sealed record HandoverRequest(decimal? CountedYuan, int[]? Pieces, ManagerApproval? Approver);
    public sealed record CloseRequest(bool CarryInDoubt);

    public static readonly PosError AmountInvalid = new("AMOUNT_INVALID", "金额格式不正确：请输入元，最多两位小数。");
    public static readonly PosError CountMissing = new("CASH_COUNT_MISSING", "请输入点钞总额或各面额张数（二选一）。");

    public static void MapShiftApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/shift", async (TillShifts shifts, CancellationToken ct) => Answer(await shifts.CurrentAsync(ct)));
        api.MapGet("/shifts/{id:long}", async (long id, TillShifts shifts, CancellationToken ct) => Answer(await shifts.ViewAsync(id, ct)))
            .RequireAuthorization(nameof(Domain.Staff.Permission.ManageCash));

        api.MapPost("/shift/float", async (FloatRequest request, TillShifts shifts, CancellationToken ct) =>
            !TryMoney(request.Yuan, out var amount) ? PosApi.Problem(AmountInvalid, StatusCodes.Status400BadRequest)
            : Answer(await shifts.DeclareFloatAsync(amount, ct)));

        api.MapPost("/shift/cash", async (CashRequest request, TillShifts shifts, CancellationToken ct) =>
        {
            if (!TryMoney(request.Yuan, out var amount)) return PosApi.Problem(AmountInvalid, StatusCodes.Status400BadRequest);
            CashMovementKind? kind = request.Kind switch { "toSafe" or "取款" => CashMovementKind.ToSafe, "topUp" or "备用金补充" => CashMovementKind.FloatTopUp, _ => null };
            if (kind is null) return PosApi.Problem(new PosError("CASH_MOVEMENT_KIND_INVALID", "请选择取款（toSafe）或备用金补充（topUp）。"), StatusCodes.Status400BadRequest);
            return Answer(await shifts.MoveCashAsync(kind.Value, amount, request.Reason, request.Approver, ct));
        });

        api.MapPost("/shifts/{id:long}/handover", async (long id, HandoverRequest request, TillShifts shifts, CancellationToken ct) =>
        {
            var count = CountOf(request.CountedYuan, request.Pieces);
            if (!count.IsSuccess) return PosApi.Problem(count.Error!, StatusCodes.Status400BadRequest);
            return Answer(await shifts.HandOverAsync(id, count.Value, request.Approver, ct));
        });

        api.MapGet("/day-close/{day}", async (string day, DayCloses closes, CancellationToken ct) =>
            !PosApi.TryDay(day, out var d) ? PosApi.Problem(ReportDownload.DateInvalid, StatusCodes.Status400BadRequest)
            : Results.Ok(DayDto.From(await closes.ViewAsync(d, ct))))
            .RequireAuthorization(nameof(Domain.Staff.Permission.ManageCash));

        api.MapPost("/day-close/{day}", async (string day, CloseRequest? request, DayCloses closes, CancellationToken ct) =>
        {
            if (!PosApi.TryDay(day, out var d)) return PosApi.Problem(ReportDownload.DateInvalid, StatusCodes.Status400BadRequest);
            var closed = await closes.CloseAsync(d, request?.CarryInDoubt ?? false, ct);
            return closed.IsSuccess ? Results.Ok(DayDto.From(new DayCloseView(closed.Value, [], 0))) : PosApi.Problem(closed.Error!);
        }).RequireAuthorization(nameof(Domain.Staff.Permission.ManageCash));

        app.MapGet("/day-close/export", async (string? day, string? format, DayCloses closes, CancellationToken ct) =>
        {
            if (!PosApi.TryDay(day, out var d)) return PosApi.Problem(ReportDownload.DateInvalid, StatusCodes.Status400BadRequest);
            if (!ReportDownload.TryFormat(format, out var kind, out var refusal)) return refusal!;
            var view = await closes.ViewAsync(d, ct);
            return ReportDownload.File(view.Report.Table(), kind, $"日结报表-{d:yyyy-MM-dd}" + (view.IsClosed ? "" : "-未日结"));
        }).RequireAuthorization(nameof(Domain.Staff.Permission.ManageCash));
    }

    /// <summary>A count from exactly one of the two forms the screen offers.</summary>
    public static Result<CashCount> CountOf(decimal? yuan, IReadOnlyList<int>? pieces)
    {
        if (yuan is not null && pieces is { Count: > 0 }) return CountMissing;
        if (pieces is { Count: > 0 }) return CashCount.FromPieces(pieces);
        if (yuan is null) return CountMissing;
        return TryMoney(yuan, out var total) ? CashCount.FromTotal(total) : AmountInvalid;
    }

    public static bool TryMoney(decimal? yuan, out Money money)
    {
        money = Money.Zero;
        return yuan is { } y && Money.TryFromYuan(y, out money);
    }

    private static IResult Answer(Result<ShiftView> result) =>
        result.IsSuccess ? Results.Ok(ShiftDto.From(result.Value)) : PosApi.Problem(result.Error!);

    public sealed record MethodDto(string Method, int PaymentCount, decimal Payments, int RefundCount, decimal Refunds, decimal Net);

    public sealed record ShiftDto(long Id, string Cashier, string Terminal, string Status, DateTimeOffset OpenedAt, decimal? Float,
        IReadOnlyList<MethodDto> ByMethod, IReadOnlyList<string> InDoubt, decimal ExpectedCash, decimal? Counted, decimal? Difference, string? ApprovedBy)
    {
        public static ShiftDto From(ShiftView v) => new(v.Shift.Id, v.Shift.Cashier, v.Shift.TerminalId, v.Shift.Status.ToString(), v.Shift.OpenedAt,
            v.Shift.Float?.Yuan,
            [.. v.Totals.ByMethod.Select(m => new MethodDto(Domain.Orders.PaymentMethodNames.ToChinese(m.Method), m.PaymentCount, m.Payments.Yuan, m.RefundCount, m.Refunds.Yuan, m.Net.Yuan))],
            [.. v.Totals.InDoubt.Select(p => p.TradeNo)], v.Totals.ExpectedCash.Yuan, v.Shift.Counted?.Yuan, v.Shift.Difference?.Yuan, v.Shift.DifferenceApprovedBy);
    }

    public sealed record DayDto(string Day, bool Closed, int Count, decimal Net, IReadOnlyList<string> OpenShifts, IReadOnlyList<string> InDoubt, IReadOnlyList<string> Notes)
    {
        public static DayDto From(DayCloseView v) => new(v.Report.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), v.IsClosed,
            v.Report.Sales.Total.Count, v.Report.Sales.Total.Net.Yuan, [.. v.OpenShifts.Select(s => $"{s.CashierName}（{s.TerminalId}）")],
            [.. v.Report.InDoubt.Select(p => p.TradeNo)], v.Report.Notes);
    }
}
