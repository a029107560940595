using Microsoft.EntityFrameworkCore;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Checkout.Refunds;
using PharmacyPos.Data;
using PharmacyPos.Data.Catalogue;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Registration;
using PharmacyPos.Domain.Sales;

namespace PharmacyPos.Web.Api;

/// <summary>
/// The till's checkout as JSON, for self-service kiosks and integrations — and for the crash
/// harness and the load benchmark, which drive the POS exactly as a terminal does: the same use
/// cases, the same write-ahead journal, the same recovery.
/// </summary>
public static class CheckoutApi
{
    /// <param name="LotNo">批号 to sell from; without it the line takes first-expiry-first-out, split over batches if need be.</param>
    public sealed record ItemRequest(string? Entry, int Quantity = 1, string? LotNo = null);
    public sealed record RefundRequest(RefundApprover? Approver);
    public sealed record MobileSaleRequest(IReadOnlyList<ItemRequest>? Items, string? Code, PurchaseRegistration.Form? Registration);

    public static IEndpointRouteBuilder MapCheckoutApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");

        api.MapPost("/sales/mobile", async (MobileSaleRequest request, CatalogueSearch catalogue, Checkout.Stock.TillStock stock, MobileCheckout checkout,
            CancellationToken ct) =>
        {
            var sale = new Sale();
            foreach (var item in request.Items ?? [])
            {
                if (string.IsNullOrWhiteSpace(item.Entry)) return PosApi.Problem(PosErrors.EntryEmpty, StatusCodes.Status400BadRequest);
                var drug = await catalogue.FindExactAsync(item.Entry, ct);
                if (drug is null) return PosApi.Problem(PosErrors.DrugNotFound(item.Entry));
                // An expired or unknown batch, or missing stock in a store that refuses it, is the line's refusal: nothing is paid.
                var added = await stock.EnterAsync(sale, drug, item.Quantity, item.LotNo, ct);
                if (!added.IsSuccess)
                    return added.Error.Kind == ErrorKind.Invalid ? PosApi.Problem(added.Error, StatusCodes.Status400BadRequest) : PosApi.Problem(added.Error);
            }
            return await checkout.ScanAsync(sale, request.Code, request.Registration, ct) switch
            {
                ScanResult.Started s => Results.Created($"/api/orders/{s.Attempt.TradeNo}", AttemptDto.From(s.Attempt)),
                ScanResult.Refused r => PosApi.Problem(r.Error),
                ScanResult.NeedsRegistration n => Results.Problem(title: "医保个人账户支付达到规定金额，须先登记购药人信息。",
                    statusCode: StatusCodes.Status422UnprocessableEntity, type: "urn:pharmacypos:error:REGISTRATION_REQUIRED",
                    extensions: new Dictionary<string, object?> { ["code"] = "REGISTRATION_REQUIRED", ["fields"] = n.Errors }),
                _ => throw new InvalidOperationException("unknown scan result"),
            };
        });

        api.MapPost("/orders/{tradeNo}/poll", async (string tradeNo, MobileCheckout checkout, CancellationToken ct) =>
            !TradeNo.TryParse(tradeNo, out var parsed) ? Malformed(tradeNo)
            : await checkout.PollAsync(parsed, ct) is { } view ? Results.Ok(AttemptDto.From(view)) : NotFound(tradeNo));

        api.MapPost("/orders/{tradeNo}/abandon", async (string tradeNo, MobileCheckout checkout, CancellationToken ct) =>
            !TradeNo.TryParse(tradeNo, out var parsed) ? Malformed(tradeNo)
            : await checkout.AbandonAsync(parsed, ct) is { } view ? Results.Ok(AttemptDto.From(view)) : NotFound(tradeNo));

        // A cashier's refund at or above the threshold carries the approving manager: { "approver": { "userName", "password" } }.
        api.MapPost("/orders/{tradeNo}/refund", async (string tradeNo, RefundRequest? request, RefundCheckout refunds, CancellationToken ct) =>
        {
            if (!TradeNo.TryParse(tradeNo, out var parsed)) return Malformed(tradeNo);
            var result = await refunds.RefundAsync(parsed, request?.Approver, ct);
            return result.IsSuccess
                ? Results.Ok(new RefundDto(result.Value.TradeNo.Value, result.Value.Status.ToString(), result.Value.Message))
                : PosApi.Problem(result.Error);
        });

        api.MapGet("/orders/{tradeNo}/journal", (string tradeNo, PosDbContext db, CancellationToken ct) =>
            WithOrderAsync(tradeNo, db, ct, async _ => Results.Ok(await db.Journal.AsNoTracking().Where(e => e.TradeNo == tradeNo)
                .OrderBy(e => e.Id).Select(e => new { e.At, e.Event, e.Status, e.RefundNo, e.Detail }).ToListAsync(ct))));

        return app;
    }

    private static async Task<IResult> WithOrderAsync(string tradeNo, PosDbContext db, CancellationToken ct, Func<long, Task<IResult>> work)
    {
        if (!TradeNo.TryParse(tradeNo, out var parsed)) return Malformed(tradeNo);
        var id = await db.Orders.Where(o => o.TradeNo == parsed).Select(o => (long?)o.Id).FirstOrDefaultAsync(ct);
        return id is null ? NotFound(tradeNo) : await work(id.Value);
    }

    private static IResult Malformed(string tradeNo) => PosApi.Problem(PosErrors.TradeNoMalformed(tradeNo), StatusCodes.Status400BadRequest);

    private static IResult NotFound(string tradeNo) => PosApi.Problem(PosErrors.OrderNotFound(tradeNo));
}

public sealed record AttemptDto(string TradeNo, string Status, string StatusText, string Method, decimal Total, string? Route,
    DateTimeOffset? Deadline, bool Cancelling, string? FailureCode, string? FailureMessage)
{
    public static AttemptDto From(AttemptView a) => new(a.TradeNo.Value, a.Status.ToString(), a.Status.ToChinese(), a.Method.ToString(),
        a.Total.Yuan, a.RouteExplanation, a.Deadline, a.Cancelling, a.Failure?.Code, a.Failure?.Message);
}

public sealed record RefundDto(string TradeNo, string Status, string Message);
