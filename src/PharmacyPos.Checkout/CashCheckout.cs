using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Sales;

namespace PharmacyPos.Checkout;

/// <summary>现金结算: the original way of paying, kept as it was (话术 B follows it).</summary>
public sealed class CashCheckout(TradeNos tradeNos, PaymentGate gate, IOptions<TerminalOptions> terminal, ILogger<CashCheckout> log)
{
    public async Task<Result<Order>> PayAsync(Sale sale, string? receivedText, CancellationToken ct = default)
    {
        if (sale.IsEmpty) return PosErrors.SaleEmpty;
        var tender = CashTender.From(sale.Total, receivedText);
        if (!tender.IsSuccess) return tender.Error;
        if (await gate.RefusalAsync(sale, ct) is { } refused) return refused;

        var t = terminal.Value;
        var order = await tradeNos.SaveNewAsync(
            (tradeNo, now) => Order.PaidInCash(tradeNo, t.StoreId, t.TerminalId, now, sale, tender.Value), ct, sale);
        log.LogInformation("Cash sale {TradeNo} paid: total {Total}, received {Received}, change {Change}, {Lines} lines",
            order.TradeNo, order.Total, tender.Value.Received, tender.Value.Change, order.Lines.Count);
        return order;
    }
}
