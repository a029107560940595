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
    public sealed record ItemRequest(string? Entry, int Quantity = 1);
    public sealed record RefundRequest(RefundApprover? Approver);
    public sealed record MobileSaleRequest(IReadOnlyList<ItemRequest>? Items, string? Code, PurchaseRegistration.Form? Registration);

    public static IEndpointRouteBuilder MapCheckoutApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");

        api.MapPost("/sales/mobile", async (MobileSaleRequest request, CatalogueSearch catalogue, MobileCheckout checkout, CancellationToken ct) =>
        {
            var sale = new Sale();
            foreach (var item in request.Items ?? [])
            {
                if (string.IsNullOrWhiteSpace(item.Entry)) return PosApi.Problem(PosErrors.EntryEmpty, StatusCodes.Status400BadRequest);
                var drug = await catalogue.FindExactAsync(item.Entry, ct);
                if (drug is null) return PosApi.Problem(PosErrors.DrugNotFound(item.Entry), StatusCodes.Status404NotFound);
                var added = sale.Add(drug, item.Quantity);
                if (!added.IsSuccess) return PosApi.Problem(added.Error, StatusCodes.Status400BadRequest);
            }
            return await checkout.ScanAsync(sale, request.Code, request.Registration, ct) switch
            {
                ScanResult.Started s => Results.Created($"/api/orders/{s.Attempt.TradeNo}", AttemptDto.From(s.Attempt)),
                ScanResult.Refused r => PosApi.Problem(r.Error, StatusCodes.Status422UnprocessableEntity, byKind: true),
                ScanResult.NeedsRegistration n => Results.Problem(title: "医保个人账户支付达到规定金额，须先登记购药人信息。",
                    statusCode: StatusCodes.Status422UnprocessableEntity, type: "urn:pharmacypos:error:REGISTRATION_REQUIRED",
                    extensions: new Dictionary<string, object?> { ["code"] = "REGISTRATION_REQUIRED", ["fields"] = n.Errors }),
                _ => throw new InvalidOperationException("unknown scan result"),
            };
        });

        api.MapPost("/orders/{tradeNo}/poll", (string tradeNo, PosDbContext db, MobileCheckout checkout, CancellationToken ct) =>
            WithOrderAsync(tradeNo, db, ct, async id => Results.Ok(AttemptDto.From(await checkout.PollAsync(id, ct)))));

        api.MapPost("/orders/{tradeNo}/abandon", (string tradeNo, PosDbContext db, MobileCheckout checkout, CancellationToken ct) =>
            WithOrderAsync(tradeNo, db, ct, async id => Results.Ok(AttemptDto.From(await checkout.AbandonAsync(id, ct)))));

        // A cashier's refund at or above the threshold carries the approving manager: { "approver": { "userName", "password" } }.
        api.MapPost("/orders/{tradeNo}/refund", (string tradeNo, RefundRequest? request, PosDbContext db, RefundCheckout refunds, CancellationToken ct) =>
            WithOrderAsync(tradeNo, db, ct, async id =>
            {
                var result = await refunds.RefundAsync(id, request?.Approver, ct);
                return result.IsSuccess
                    ? Results.Ok(new RefundDto(result.Value.TradeNo.Value, result.Value.Status.ToString(), result.Value.Message))
                    : result.Error.Kind == ErrorKind.Unavailable ? PosApi.Problem(result.Error, 0, byKind: true)
                    : PosApi.Problem(result.Error, result.Error.Code.StartsWith("REFUND_APPROV", StringComparison.Ordinal) || result.Error.Code is "ACCOUNT_LOCKED" or "SIGN_IN_DELAYED"
                        ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict);
            }));

        api.MapGet("/orders/{tradeNo}/journal", (string tradeNo, PosDbContext db, CancellationToken ct) =>
            WithOrderAsync(tradeNo, db, ct, async _ => Results.Ok(await db.Journal.AsNoTracking().Where(e => e.TradeNo == tradeNo)
                .OrderBy(e => e.Id).Select(e => new { e.At, e.Event, e.Status, e.RefundNo, e.Detail }).ToListAsync(ct))));

        return app;
    }

    private static async Task<IResult> WithOrderAsync(string tradeNo, PosDbContext db, CancellationToken ct, Func<long, Task<IResult>> work)
    {
        if (!TradeNo.TryParse(tradeNo, out var parsed)) return PosApi.Problem(ApiErrors.TradeNoMalformed(tradeNo), StatusCodes.Status400BadRequest);
        var id = await db.Orders.Where(o => o.TradeNo == parsed).Select(o => (long?)o.Id).FirstOrDefaultAsync(ct);
        return id is null ? PosApi.Problem(ApiErrors.OrderNotFound(tradeNo), StatusCodes.Status404NotFound) : await work(id.Value);
    }
}

public sealed record AttemptDto(string TradeNo, string Status, string StatusText, string Method, decimal Total, string? Route,
    DateTimeOffset? Deadline, bool Cancelling, string? FailureCode, string? FailureMessage)
{
    public static AttemptDto From(AttemptView a) => new(a.TradeNo.Value, a.Status.ToString(), a.Status.ToChinese(), a.Method.ToString(),
        a.Total.Yuan, a.RouteExplanation, a.Deadline, a.Cancelling, a.Failure?.Code, a.Failure?.Message);
}

public sealed record RefundDto(string TradeNo, string Status, string Message);
