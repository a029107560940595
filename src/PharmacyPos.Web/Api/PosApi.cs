using Microsoft.EntityFrameworkCore;
using PharmacyPos.Data;
using PharmacyPos.Data.Catalogue;
using PharmacyPos.Data.Registrations;
using PharmacyPos.Domain.Catalogue;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Orders;

namespace PharmacyPos.Web.Api;

/// <summary>
/// The JSON API: the same look-ups the screens use, for integrations and scripts. Every
/// expected failure is a problem document carrying the error's stable code and Chinese text.
/// </summary>
public static class PosApi
{
    public static IEndpointRouteBuilder MapPosApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");

        api.MapGet("/catalogue/lookup", async (string? entry, CatalogueSearch search, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(entry)) return Problem(PosErrors.EntryEmpty, StatusCodes.Status400BadRequest);
            var drug = await search.FindExactAsync(entry, ct);
            return drug is null
                ? Problem(PosErrors.DrugNotFound(entry), StatusCodes.Status404NotFound)
                : Results.Ok(DrugDto.From(drug));
        });

        api.MapGet("/orders/{tradeNo}", async (string tradeNo, PosDbContext db, CancellationToken ct) =>
        {
            if (!TradeNo.TryParse(tradeNo, out var parsed))
                return Problem(PosErrors.TradeNoMalformed(tradeNo), StatusCodes.Status400BadRequest);
            var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.TradeNo == parsed, ct);
            return order is null
                ? Problem(PosErrors.OrderNotFound(tradeNo), StatusCodes.Status404NotFound)
                : Results.Ok(OrderDto.From(order));
        });

        app.MapGet("/registrations/export", async (string? date, string? from, string? to, string? q, string? format, RegistrationLedger ledger,
            Microsoft.Extensions.Options.IOptions<PharmacyPos.Checkout.TerminalOptions> terminal, CancellationToken ct) =>
        {
            if (!TryDay(from ?? date, out var first) || !TryDay(to ?? date, out var last))
                return Problem(ReportDownload.DateInvalid, StatusCodes.Status400BadRequest);
            var query = new RegistrationQuery(terminal.Value.StoreId, first, last, q);
            if (!query.IsValid)
                return Problem(RegistrationQuery.RangeInvalid, StatusCodes.Status400BadRequest);
            if (!ReportDownload.TryFormat(format, out var kind, out var refusal)) return refusal!;
            var rows = await ledger.ExportAsync(query, kind, ct);
            var name = first == last ? $"登记台账-{first:yyyy-MM-dd}" : $"登记台账-{first:yyyy-MM-dd}-{last:yyyy-MM-dd}";
            return ReportDownload.File(RegistrationLedger.Table(rows), kind, name);
        }).RequireAuthorization(nameof(Domain.Staff.Permission.ViewRecords));

        return app;
    }

    internal static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out day);

    /// <summary>A use case's refusal: the HTTP status follows from the error's kind, nowhere chosen by its code.</summary>
    internal static IResult Problem(PosError error) => Problem(error, error.Kind switch
    {
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status422UnprocessableEntity,
    });

    internal static IResult Problem(PosError error, int status) =>
        Results.Problem(title: error.Message, statusCode: status, type: "urn:pharmacypos:error:" + error.Code,
            extensions: new Dictionary<string, object?> { ["code"] = error.Code });
}

internal static class ApiErrors
{
    /// <summary>A form or request the POS cannot take as it is (an expired page, a missing antiforgery token).</summary>
    public static readonly PosError RequestInvalid = new("REQUEST_INVALID", "请求无效：页面可能已过期，请刷新页面后重试。");
}

public sealed record DrugDto(string Code, string Barcode, string Name, string Specification, string Manufacturer,
    string Unit, decimal RetailPrice, string PinyinInitials, string? NationalCode, bool WhollySelfPaid, string Insurance)
{
    public static DrugDto From(Drug d) => new(d.Code, d.Barcode, d.Name, d.Specification, d.Manufacturer, d.Unit,
        d.RetailPrice.Yuan, d.PinyinInitials, d.NationalCode, d.WhollySelfPaid, d.InsuranceLabel);
}

public sealed record OrderDto(string TradeNo, DateTimeOffset CreatedAt, decimal Total, string Method, string Status,
    decimal? CashReceived, decimal? Change, IReadOnlyList<OrderLineDto> Lines)
{
    public static OrderDto From(Order o) => new(o.TradeNo.Value, o.CreatedAt, o.Total.Yuan, o.Method.ToChinese(),
        o.Status.ToChinese(), o.CashReceived?.Yuan, o.Change?.Yuan,
        o.Lines.Select(l => new OrderLineDto(l.LineNo, l.DrugCode, l.DrugName, l.UnitPrice.Yuan, l.Quantity, l.Amount.Yuan)).ToList());
}

public sealed record OrderLineDto(int LineNo, string DrugCode, string DrugName, decimal UnitPrice, int Quantity, decimal Amount);
