using Microsoft.EntityFrameworkCore;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Checkout.Refunds;
using PharmacyPos.Checkout.Regulated;
using PharmacyPos.Domain.Regulated;
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
    /// <param name="Split">拆零: the quantity counts the drug's split units (片, 粒), at its split price.</param>
    public sealed record ItemRequest(string? Entry, int Quantity = 1, string? LotNo = null, bool Split = false);
    public sealed record RefundRequest(RefundApprover? Approver);
    public sealed record MobileSaleRequest(IReadOnlyList<ItemRequest>? Items, string? Code, PurchaseRegistration.Form? Registration,
        PrescriptionRequest? Prescription = null, EphedrineBuyer.Form? Buyer = null);
    public sealed record CashSaleRequest(IReadOnlyList<ItemRequest>? Items, string? Received,
        PrescriptionRequest? Prescription = null, EphedrineBuyer.Form? Buyer = null);

    /// <summary>处方登记 for a sale's 处方药: the pharmacist's sign-off is the signed-in pharmacist's, or <c>pharmacist</c>'s credentials; the photo is base64.</summary>
    public sealed record PrescriptionRequest(string? Hospital, string? Number, string? Doctor, string? PatientName,
        PharmacistSignOff? Pharmacist = null, string? Photo = null);

    public static IEndpointRouteBuilder MapCheckoutApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");

        api.MapPost("/sales/mobile", async (MobileSaleRequest request, CatalogueSearch catalogue, Checkout.Stock.TillStock stock,
            RegulatedChecks regulated, MobileCheckout checkout, CancellationToken ct) =>
        {
            var (sale, refused) = await SaleOfAsync(request.Items, request.Prescription, request.Buyer, catalogue, stock, regulated, ct);
            if (refused is not null) return refused;
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

        api.MapPost("/sales/cash", async (CashSaleRequest request, CatalogueSearch catalogue, Checkout.Stock.TillStock stock,
            RegulatedChecks regulated, Checkout.CashCheckout checkout, CancellationToken ct) =>
        {
            var (sale, refused) = await SaleOfAsync(request.Items, request.Prescription, request.Buyer, catalogue, stock, regulated, ct);
            if (refused is not null) return refused;
            var paid = await checkout.PayAsync(sale, request.Received, ct);
            return paid.IsSuccess ? Results.Created($"/api/orders/{paid.Value.TradeNo}", OrderDto.From(paid.Value)) : PosApi.Problem(paid.Error);
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

    /// <summary>
    /// The request's lines entered as at the till (stock, batches, the ephedrine limit), then its
    /// 处方登记 and 含麻黄碱 buyer recorded as the F4 form records them. A refusal is the request's answer; nothing is paid.
    /// </summary>
    private static async Task<(Sale Sale, IResult? Refused)> SaleOfAsync(IReadOnlyList<ItemRequest>? items, PrescriptionRequest? prescription,
        EphedrineBuyer.Form? buyer, CatalogueSearch catalogue, Checkout.Stock.TillStock stock, RegulatedChecks regulated, CancellationToken ct)
    {
        var sale = new Sale();
        foreach (var item in items ?? [])
        {
            if (string.IsNullOrWhiteSpace(item.Entry)) return (sale, PosApi.Problem(PosErrors.EntryEmpty, StatusCodes.Status400BadRequest));
            var drug = await catalogue.FindExactAsync(item.Entry, ct);
            if (drug is null) return (sale, PosApi.Problem(PosErrors.DrugNotFound(item.Entry)));
            // An expired or unknown batch, or missing stock in a store that refuses it, is the line's refusal: nothing is paid.
            var added = await stock.EnterAsync(sale, drug, item.Quantity, item.LotNo, ct, item.Split);
            if (!added.IsSuccess)
                return (sale, added.Error.Kind == ErrorKind.Invalid ? PosApi.Problem(added.Error, StatusCodes.Status400BadRequest) : PosApi.Problem(added.Error));
        }
        if (buyer is not null && RegulatedSale.NeedsBuyer(sale) && regulated.RecordBuyer(sale, buyer).AsError("EPHEDRINE_BUYER_INVALID") is { } badBuyer)
            return (sale, PosApi.Problem(badBuyer));
        if (prescription is not null && RegulatedSale.NeedsPrescription(sale))
        {
            byte[]? photo = null;
            if (!string.IsNullOrEmpty(prescription.Photo))
            {
                photo = new byte[prescription.Photo.Length * 3 / 4 + 3];
                if (!Convert.TryFromBase64String(prescription.Photo, photo, out var length))
                    return (sale, PosApi.Problem(PhotoNotBase64, StatusCodes.Status400BadRequest));
                photo = photo[..length];
            }
            var form = new Prescription.Form(prescription.Hospital, prescription.Number, prescription.Doctor, prescription.PatientName);
            var reviewed = await regulated.ReviewAsync(sale, form, prescription.Pharmacist, photo, ct);
            if (reviewed.AsError("PRESCRIPTION_INVALID") is { } badPrescription) return (sale, PosApi.Problem(badPrescription));
        }
        return (sale, null);
    }

    private static readonly PosError PhotoNotBase64 = new("PHOTO_NOT_BASE64", "处方图片应为 base64 编码的 JPG、PNG 或 WebP 图片。");

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
